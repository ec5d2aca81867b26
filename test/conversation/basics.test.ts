import { strict as assert } from 'node:assert';
import { ActivityTypes } from 'botbuilder';
import {
  BOT,
  cardText,
  createConversationHarness,
  firstCard,
  type ConversationHarness,
} from '../support/conversation';
import { FOREIGN_TENANT_ID, STAFF_A } from '../support/users';

describe('conversation basics', () => {
  let h: ConversationHarness;
  beforeEach(() => {
    h = createConversationHarness();
  });
  afterEach(() => h.close());

  it('answers help in any case with the help card', async () => {
    for (const text of ['help', 'HELP', '  Help ']) {
      const replies = await h.say(STAFF_A, text);
      const card = firstCard(replies);
      assert.ok(card, `no card for "${text}"`);
      assert.match(cardText(card), /Make a declaration/);
      assert.match(cardText(card), /Talk to an adviser/);
    }
  });

  it('sends the welcome card once, even when the install event repeats', async () => {
    const install = { type: ActivityTypes.ConversationUpdate, membersAdded: [BOT] };
    const first = await h.send(STAFF_A, install);
    const again = await h.send(STAFF_A, install);
    const viaInstallation = await h.send(STAFF_A, {
      type: 'installationUpdate',
      action: 'add',
    });
    assert.match(cardText(firstCard(first)), /integrity assistant/);
    assert.equal(again.length, 0);
    assert.equal(viaInstallation.length, 0);
  });

  it('gives friendly guidance for a message it cannot handle yet, never silence', async () => {
    const replies = await h.say(STAFF_A, '');
    assert.ok(replies.some((r) => r.type === ActivityTypes.Message));
  });

  it('stays quiet in a channel unless mentioned, and answers with the mention stripped', async () => {
    assert.equal((await h.say(STAFF_A, 'help', { conversation: 'channel' })).length, 0);
    const replies = await h.send(
      STAFF_A,
      {
        type: ActivityTypes.Message,
        text: '<at>Integrity assistant</at> help',
        entities: [{ type: 'mention', mentioned: BOT, text: '<at>Integrity assistant</at>' }],
      },
      { conversation: 'channel' },
    );
    assert.match(cardText(firstCard(replies)), /How I can help/);
  });

  it('drops an activity from another tenant: no reply, nothing stored, one security event', async () => {
    const replies = await h.say(STAFF_A, 'help', { tenantId: FOREIGN_TENANT_ID });
    assert.equal(replies.length, 0);
    const events = h.logs.lines().filter((l) => l.event === 'tenant_rejected');
    assert.equal(events.length, 1);
    const state = await h.deps.store.state.read([
      `msteams/${BOT.id}/conversations/a:personal-${STAFF_A.key}`,
    ]);
    assert.equal(state.size, 0);
  });

  it('handles a redelivered message once', async () => {
    const first = await h.say(STAFF_A, 'help', { activityId: 'dup-1' });
    const second = await h.say(STAFF_A, 'help', { activityId: 'dup-1' });
    assert.equal(first.length, 1);
    assert.equal(second.length, 0);
  });

  it('answers a card action nobody handles with a visible error card', async () => {
    const result = await h.execute(STAFF_A, 'no.such.verb', {});
    assert.equal(result.response?.statusCode, 200);
    assert.match(cardText(result.response?.value), /out of date/);
  });
});
