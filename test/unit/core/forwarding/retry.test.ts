import { strict as assert } from 'node:assert';
import {
  describeSchedule,
  nextRetryDelay,
  parseRetryAfter,
} from '../../../../src/core/forwarding/retry';
import { forwardingSection } from '../../../support/forwarding';

describe('retry schedule', () => {
  const { retry } = forwardingSection({});
  const middle = () => 0.5;

  it('follows the default schedule: 5s, 5m, 30m, 2h, 5h, 10h, 10h, then gives up', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) =>
      nextRetryDelay({ attempts, retry, random: middle }),
    );
    assert.deepEqual(delays, [
      5_000,
      300_000,
      1_800_000,
      7_200_000,
      18_000_000,
      36_000_000,
      36_000_000,
      undefined,
    ]);
    assert.equal(describeSchedule(retry), 'immediately, 5s, 5m, 30m, 2h, 5h, 10h, 10h');
    const total = delays.reduce<number>((sum, d) => sum + (d ?? 0), 0);
    assert.equal(total, (27 * 60 + 35) * 60_000 + 5_000); // about 27 h 35 m
  });

  it('spreads each wait by the jitter fraction either way', () => {
    assert.equal(nextRetryDelay({ attempts: 2, retry, random: () => 0 }), 240_000);
    assert.equal(nextRetryDelay({ attempts: 2, retry, random: () => 1 }), 360_000);
    for (let i = 0; i < 100; i += 1) {
      const delay = nextRetryDelay({ attempts: 3, retry, random: Math.random }) ?? 0;
      assert.ok(delay >= 1_440_000 && delay <= 2_160_000, String(delay));
    }
    const none = forwardingSection({ retry: { jitter: 0 } }).retry;
    assert.equal(nextRetryDelay({ attempts: 2, retry: none, random: Math.random }), 300_000);
  });

  it('honours Retry-After when it asks for longer than the schedule, up to the cap', () => {
    assert.equal(
      nextRetryDelay({ attempts: 1, retry, random: middle, retryAfterMs: 120_000 }),
      120_000,
    );
    assert.equal(
      nextRetryDelay({ attempts: 1, retry, random: middle, retryAfterMs: 1_000 }),
      5_000,
    );
    assert.equal(
      nextRetryDelay({ attempts: 1, retry, random: middle, retryAfterMs: 9e9 }),
      86_400_000,
    );
    assert.equal(
      nextRetryDelay({ attempts: 8, retry, random: middle, retryAfterMs: 1_000 }),
      undefined,
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-03-02T09:00:00.000Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 09:10:00 GMT', now), 600_000);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
