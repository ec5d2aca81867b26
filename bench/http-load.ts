import { randomUUID } from 'node:crypto';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export type ActivityFactory = (n: number) => Record<string, unknown>;

/** A personal-chat message from one of `users` users, with a fresh id each time. */
export function messageActivity(text: string, tenantId: string, users = 50): ActivityFactory {
  return (n) => {
    const user = n % users;
    return {
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: {
        id: `29:bench-${user}`,
        name: 'Bench user',
        aadObjectId: `00000000-0000-4000-8000-${String(user).padStart(12, '0')}`,
      },
      recipient: { id: '28:bench-bot', name: 'bot' },
      conversation: { id: `a:bench-${user}`, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      text,
      deliveryMode: 'expectReplies',
    };
  };
}

/** Sends `total` requests from `concurrency` workers; every answer must be 200 with at least one reply. */
export async function runLoad(
  url: string,
  make: ActivityFactory,
  total: number,
  concurrency: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    for (let n = next++; n < total; n = next++) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(make(n)),
        });
        const body = (await response.json()) as { activities?: unknown[] };
        if (response.status !== 200 || (body.activities ?? []).length === 0) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    errors,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export function formatLoad(label: string, r: LoadResult): string {
  return `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  errors ${r.errors}/${r.requests}`;
}
