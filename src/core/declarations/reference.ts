/** COI-2026-000042: prefix, year (New Zealand time) and a per-prefix, per-year sequence. */
export function formatReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export const REFERENCE_PATTERN = /^[A-Z]{3}-\d{4}-\d{6}$/;

export function nzYear(at: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-NZ', { timeZone: 'Pacific/Auckland', year: 'numeric' }).format(at),
  );
}
