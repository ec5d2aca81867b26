import { WEEKDAYS, type EscalationsConfig } from './config';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Far more than any ticket waits; bounds the loop if a clock goes wild. */
const MAX_DAYS = 3 * 366;

export interface WorkingCalendar {
  /** Working time between two instants, in milliseconds (0 if `to` is not after `from`). */
  workingMsBetween(from: Date, to: Date): number;
  /** The local calendar date (YYYY-MM-DD) of an instant in the configured time zone. */
  localDate(at: Date): string;
  readonly timeZone: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Working hours and public holidays in one time zone (Pacific/Auckland by default). */
export function createWorkingCalendar(
  config: Pick<EscalationsConfig, 'timeZone' | 'workingHours' | 'holidays'>,
): WorkingCalendar {
  const { timeZone } = config;
  const startMin = minutesOf(config.workingHours.start);
  const endMin = minutesOf(config.workingHours.end);
  const days = new Set(config.workingHours.days.map((d) => WEEKDAYS.indexOf(d)));
  const holidays = new Set(config.holidays.map((h) => h.date));
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  const fields = (at: number) => {
    const out: Record<string, number> = {};
    for (const p of parts.formatToParts(new Date(at))) {
      if (p.type !== 'literal') out[p.type] = Number(p.value);
    }
    return {
      y: out.year ?? 1970,
      mo: out.month ?? 1,
      d: out.day ?? 1,
      h: out.hour ?? 0,
      mi: out.minute ?? 0,
      s: out.second ?? 0,
    };
  };
  /** Local time minus UTC at an instant, in ms. */
  const offsetAt = (at: number): number => {
    const f = fields(at);
    return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(at / 1000) * 1000;
  };
  /** The instant a local wall-clock time happens (DST changes in NZ fall outside working hours). */
  // Each day's start and end are worked out once (sweeps ask about the same days every minute).
  const instants = new Map<number, number>();
  const instantOf = (y: number, mo: number, d: number, minutes: number): number => {
    const wall = Date.UTC(y, mo - 1, d, Math.floor(minutes / 60), minutes % 60);
    const known = instants.get(wall);
    if (known !== undefined) return known;
    let at = wall - offsetAt(wall);
    at = wall - offsetAt(at);
    if (instants.size > 10_000) instants.clear();
    instants.set(wall, at);
    return at;
  };
  const iso = (y: number, mo: number, d: number) =>
    `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

  return {
    timeZone,
    localDate(at) {
      const f = fields(at.getTime());
      return iso(f.y, f.mo, f.d);
    },
    workingMsBetween(from, to) {
      const a = from.getTime();
      const b = to.getTime();
      if (!(b > a)) return 0;
      const first = fields(a);
      // Walk local calendar days from the first to the last, adding each day's overlap.
      let cursor = Date.UTC(first.y, first.mo - 1, first.d);
      let total = 0;
      for (let i = 0; i < MAX_DAYS; i += 1, cursor += DAY_MS) {
        const day = new Date(cursor);
        const y = day.getUTCFullYear();
        const mo = day.getUTCMonth() + 1;
        const d = day.getUTCDate();
        const dayStart = instantOf(y, mo, d, startMin);
        if (dayStart >= b) break;
        if (!days.has(day.getUTCDay()) || holidays.has(iso(y, mo, d))) continue;
        const dayEnd = instantOf(y, mo, d, endMin);
        total += Math.max(0, Math.min(b, dayEnd) - Math.max(a, dayStart));
      }
      return total;
    },
  };
}
