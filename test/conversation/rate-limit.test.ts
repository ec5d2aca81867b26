import { strict as assert } from 'node:assert';
import {
  createConversationHarness,
  firstCard,
  type ConversationHarness,
} from '../support/conversation';
import { testConfig } from '../support/config';
import { STAFF_A, STAFF_B } from '../support/users';

describe('per-person message quota', () => {
  let h: ConversationHarness;
  let now = new Date('2026-11-24T01:00:00Z').getTime();
  beforeEach(() => {
    h = createConversationHarness({
      config: testConfig({ env: { MESSAGES_PER_MINUTE: '3' } }),
      clock: () => new Date(now),
    });
  });
  afterEach(() => h.close());

  it('asks a person to slow down once, stays quiet after, and serves others meanwhile', async () => {
    for (let i = 0; i < 3; i += 1) assert.ok(firstCard(await h.say(STAFF_A, 'help')));
    const limited = await h.say(STAFF_A, 'help');
    assert.equal(limited.length, 1);
    assert.match(limited[0]?.text ?? '', /faster than I can answer/);
    assert.equal((await h.say(STAFF_A, 'help')).length, 0);
    assert.ok(firstCard(await h.say(STAFF_B, 'help')), 'another person is not limited');
    assert.ok(h.logs.lines().some((l) => l.event === 'rate_limited'));
  });

  it('lets the person carry on once the minute has passed', async () => {
    for (let i = 0; i < 4; i += 1) await h.say(STAFF_A, 'help');
    now += 61_000;
    assert.ok(firstCard(await h.say(STAFF_A, 'help')));
  });
});
