import type { EscalationsConfig } from './config';
import { OPEN_STATES, TICKET_STATES, type Ticket, type TicketState } from './ticket';

/** Counts and timings only: no names, ids, questions or answers. */
export interface TicketStats {
  readonly total: number;
  readonly byState: Readonly<Record<TicketState, number>>;
  /** Every configured topic, in config order, with its count (zero included). */
  readonly byTopic: readonly {
    readonly topic: string;
    readonly label: string;
    readonly count: number;
  }[];
  /** Median time from asking to first hearing from an adviser, over tickets that have. */
  readonly medianFirstResponseMs: number | null;
  readonly respondedCount: number;
  /** Age of the oldest open ticket. */
  readonly oldestOpenMs: number | null;
  readonly anonymousShare: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function computeStats(
  tickets: readonly Ticket[],
  config: Pick<EscalationsConfig, 'topics'>,
  now: Date,
): TicketStats {
  const byState = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<
    TicketState,
    number
  >;
  const topicCounts = new Map<string, number>();
  const firstResponses: number[] = [];
  let oldestOpen: number | null = null;
  let anonymous = 0;
  for (const t of tickets) {
    byState[t.state] += 1;
    topicCounts.set(t.topic, (topicCounts.get(t.topic) ?? 0) + 1);
    if (t.firstResponseAt !== null)
      firstResponses.push(t.firstResponseAt.getTime() - t.createdAt.getTime());
    if (OPEN_STATES.includes(t.state)) {
      const age = now.getTime() - t.createdAt.getTime();
      oldestOpen = oldestOpen === null ? age : Math.max(oldestOpen, age);
    }
    if (t.anonymous) anonymous += 1;
  }
  const configured = config.topics.map((topic) => ({
    topic: topic.id,
    label: topic.label,
    count: topicCounts.get(topic.id) ?? 0,
  }));
  // Topics since removed from the config still count.
  const retired = [...topicCounts.entries()]
    .filter(([id]) => !config.topics.some((t) => t.id === id))
    .map(([id, count]) => ({ topic: id, label: id, count }));
  return {
    total: tickets.length,
    byState,
    byTopic: [...configured, ...retired],
    medianFirstResponseMs: median(firstResponses),
    respondedCount: firstResponses.length,
    oldestOpenMs: oldestOpen,
    anonymousShare: tickets.length === 0 ? 0 : anonymous / tickets.length,
  };
}

/** "3 h 20 min", "2 d 4 h", "45 min": durations as advisers read them. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
