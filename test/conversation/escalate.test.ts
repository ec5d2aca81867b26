import { strict as assert } from 'node:assert';
import { ActivityTypes } from 'botbuilder';
import {
  cardText,
  createConversationHarness,
  firstCard,
  type ConversationHarness,
} from '../support/conversation';
import { ADVISER_A, ADVISERS_CHANNEL_ID, STAFF_A, STAFF_B } from '../support/users';
import {
  askAdviser,
  inChannel,
  observeProactive,
  postText,
  responseText,
  type ProactiveObserver,
} from './escalate-support';

const channel = { conversation: 'channel' } as const;

describe('escalate: asking an integrity adviser', () => {
  let h: ConversationHarness;
  let teams: ProactiveObserver;

  beforeEach(async () => {
    h = createConversationHarness();
    teams = observeProactive(h);
    await inChannel(h, ADVISER_A, 'register this channel');
    teams.clear();
  });
  afterEach(() => h.close());

  it('opens the ask card for typed requests for a person', async () => {
    for (const text of [
      'I want to talk to someone',
      'talk to an adviser',
      'Can I speak to a person?',
      "I'd like to talk to an integrity adviser",
      'ask an adviser',
    ]) {
      const card = firstCard(await h.say(STAFF_A, text));
      assert.match(cardText(card), /Ask an integrity adviser/, text);
      assert.match(cardText(card), /Ask anonymously/, text);
      assert.match(cardText(card), /advisers will not see your name/, text);
    }
    const about = firstCard(await h.say(STAFF_A, 'talk to an adviser about my Board role'));
    assert.match(cardText(about), /my Board role/);
  });

  it('leaves integrity questions that mention advisers to the knowledge base', async () => {
    for (const text of [
      'can I keep a gift from a supplier',
      'what does an integrity adviser do',
      'should I talk to my manager about a conflict of interest',
    ]) {
      const card = firstCard(await h.say(STAFF_A, text));
      assert.doesNotMatch(cardText(card), /Ask anonymously/, text);
    }
  });

  it('asks for a 1:1 chat when someone asks for an adviser in a channel', async () => {
    const replies = await inChannel(h, STAFF_A, 'talk to an adviser');
    assert.match(cardText(firstCard(replies)), /Ask me in a 1:1 chat/);
    const opened = await h.execute(STAFF_A, 'adviser.ask', { question: 'x' }, channel);
    assert.match(responseText(opened), /Ask me in a 1:1 chat/);
  });

  it('prefills the question from a knowledge card and confirms with a ticket reference', async () => {
    const opened = await h.execute(STAFF_A, 'adviser.ask', {
      question: 'can i keep the wine',
      articleId: 'gifts-accepting',
    });
    const card = opened.response?.value as Record<string, unknown>;
    assert.match(JSON.stringify(card), /"value":"can i keep the wine"/);
    const { ref, result } = await askAdviser(h, STAFF_A, {
      question: 'can i keep the wine',
      articleId: 'gifts-accepting',
      topic: 'gifts',
      urgency: 'urgent',
    });
    assert.match(ref, /^INT-\d{6}$/);
    assert.match(responseText(result), /Gifts, hospitality and koha/);
    assert.match(responseText(result), /Urgent/);
    assert.match(postText(teams.channel()[0]), /gifts-accepting/);
  });

  it('creates one ticket for a double click on Send', async () => {
    const opened = await h.execute(STAFF_A, 'adviser.ask', {});
    const data = (opened.response?.value as { actions: { data: Record<string, unknown> }[] })
      .actions[0]?.data;
    const submit = { ...data, question: 'Double click', topic: 'other', urgency: 'normal' };
    const first = await h.execute(STAFF_A, 'adviser.submit', submit);
    const second = await h.execute(STAFF_A, 'adviser.submit', submit);
    assert.match(responseText(first), /INT-000001/);
    assert.match(responseText(second), /INT-000001/);
    assert.equal((await h.deps.store.tickets.list()).length, 1);
    assert.equal(teams.channel().length, 1);
  });

  it('returns the same card with an error for an empty question, and rejects forged fields', async () => {
    const empty = await h.execute(STAFF_A, 'adviser.submit', {
      question: '   ',
      topic: 'gifts',
      urgency: 'normal',
    });
    assert.match(responseText(empty), /Please type your question/);
    for (const forged of [
      { question: 'q', topic: 'not-a-topic', urgency: 'normal' },
      { question: 'q', topic: 'gifts', urgency: 'normal', askerId: STAFF_B.aadObjectId },
      { question: 'q'.repeat(5000), topic: 'gifts', urgency: 'normal' },
      JSON.parse('{"question":"q","__proto__":{"x":1}}') as Record<string, unknown>,
    ]) {
      const result = await h.execute(STAFF_A, 'adviser.submit', forged);
      assert.equal(result.response?.statusCode, 200);
      assert.match(responseText(result), /was not valid/);
    }
    assert.equal(h.logs.lines().filter((l) => l.event === 'payload_rejected').length, 4);
    assert.equal((await h.deps.store.tickets.list()).length, 0);
    assert.equal(teams.posts.length, 0);
  });

  it('never shows an anonymous asker’s name or ids in the channel, the logs or stats', async () => {
    const { ref } = await askAdviser(h, STAFF_A, {
      question: 'Anonymous question CANARY-PII-7f3a',
      anonymous: true,
    });
    await h.execute(ADVISER_A, 'ticket.claim', { ticketId: ref }, channel);
    await h.execute(
      ADVISER_A,
      'ticket.requestInfo',
      { ticketId: ref, infoRequest: 'When?' },
      channel,
    );
    await h.execute(STAFF_A, 'ticket.provideInfo', { ticketId: ref, info: 'Yesterday' });
    await h.execute(ADVISER_A, 'ticket.answer', { ticketId: ref, answer: 'Fine.' }, channel);
    await h.execute(STAFF_A, 'ticket.followUp', { ticketId: ref, followUp: 'Thanks, one more' });
    const stats = await h.say(ADVISER_A, 'stats');
    const queue = await inChannel(h, ADVISER_A, 'queue');

    const channelPosts = JSON.stringify(teams.channel().map((p) => p.activity));
    assert.ok(channelPosts.includes(ref));
    assert.match(channelPosts, /Anonymous/);
    const secrets = [
      STAFF_A.name,
      'Aroha',
      STAFF_A.aadObjectId,
      `29:${STAFF_A.key}`,
      `personal-${STAFF_A.key}`,
    ];
    for (const secret of secrets) {
      assert.ok(!channelPosts.includes(secret), `channel shows ${secret}`);
      assert.ok(!JSON.stringify(stats).includes(secret), `stats show ${secret}`);
      assert.ok(!JSON.stringify(queue).includes(secret), `queue shows ${secret}`);
    }
    const logs = h.logs.raw();
    for (const secret of [STAFF_A.name, STAFF_A.aadObjectId, 'CANARY-PII-7f3a']) {
      assert.ok(!logs.includes(secret), `logs show ${secret}`);
    }
    const ticket = await h.deps.escalations.get(ref);
    assert.equal(ticket?.askerName, null);
    const audit = await h.deps.store.audit.list({ subjectId: ref });
    assert.ok(audit.length > 0);
    assert.ok(!JSON.stringify(audit).includes(STAFF_A.aadObjectId), 'audit names the asker');
    // The answer still reached the asker's own chat.
    assert.ok(
      teams.personal(STAFF_A).some((p) => /Answer from an integrity adviser/.test(postText(p))),
    );
  });

  it('queues tickets while no channel is registered, tells advisers, then posts them', async () => {
    const fresh = createConversationHarness();
    const observed = observeProactive(fresh);
    try {
      const { ref } = await askAdviser(fresh, STAFF_A, { question: 'Before any channel' });
      assert.equal(observed.posts.length, 0);
      const replies = await fresh.say(ADVISER_A, 'queue');
      assert.match(cardText(firstCard(replies)), new RegExp(ref));
      assert.ok(replies.some((r) => /no advisers' channel is registered/.test(String(r.text))));
      await inChannel(fresh, ADVISER_A, 'register this channel');
      assert.equal(observed.channel().length, 1);
      assert.equal(observed.channel()[0]?.conversationId, ADVISERS_CHANNEL_ID);
      assert.match(postText(observed.channel()[0]), new RegExp(ref));
    } finally {
      await fresh.close();
    }
  });

  it('keeps the channel registration to advisers and to channels', async () => {
    const personal = await h.say(ADVISER_A, 'register this channel');
    assert.match(String(personal[0]?.text), /in the advisers' channel itself/);
    const staff = await inChannel(h, STAFF_A, 'register this channel');
    assert.match(cardText(firstCard(staff)), /Only integrity advisers/);
    assert.equal(
      (await h.deps.store.ticketContacts.advisersChannel())?.registeredBy,
      ADVISER_A.aadObjectId,
    );
  });

  it('shows an asker their own ticket, read-only', async () => {
    const { ref } = await askAdviser(h, STAFF_A, { question: 'Where is my question?' });
    const mine = await h.say(STAFF_A, 'my tickets');
    assert.match(cardText(firstCard(mine)), new RegExp(ref));
    const shown = await h.execute(STAFF_A, 'ticket.show', { ticketId: ref });
    assert.match(responseText(shown), /Where is my question\?/);
    assert.doesNotMatch(responseText(shown), /Claim/);
    const queue = await h.send(STAFF_A, { type: ActivityTypes.Message, text: 'queue' });
    assert.match(cardText(firstCard(queue)), /Only integrity advisers/);
  });
});
