import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createAdapterEscalationOutbound } from '../../src/bot/proactive-escalations';
import { createEscalationScheduler } from '../../src/core/escalations/scheduler';
import { testConfig, tempDir } from '../support/config';
import {
  cardText,
  createConversationHarness,
  firstCard,
  type ConversationHarness,
} from '../support/conversation';
import { ADVISER_A, ADVISER_B, ADVISERS_CHANNEL_ID, STAFF_A, STAFF_B } from '../support/users';
import {
  askAdviser,
  inChannel,
  observeProactive,
  postText,
  responseText,
  type ProactiveObserver,
} from './escalate-support';

const channel = { conversation: 'channel' } as const;

function securityEvents(h: ConversationHarness, event = 'authorisation_refused') {
  return h.logs.lines().filter((l) => l.event === event);
}

describe('advisers: the ticket lifecycle through the bot', () => {
  let h: ConversationHarness;
  let teams: ProactiveObserver;
  let draftsDir: string;
  let now: Date;

  beforeEach(async () => {
    draftsDir = tempDir('drafts-');
    // Monday 23 November 2026, 9:00 am in Wellington (NZDT, UTC+13).
    now = new Date('2026-11-22T20:00:00Z');
    h = createConversationHarness({
      config: testConfig({ agency: { escalations: { draftsDir } } }),
      clock: () => now,
    });
    teams = observeProactive(h);
    const replies = await inChannel(h, ADVISER_A, 'register this channel');
    assert.match(String(replies[0]?.text), /now receives integrity adviser tickets/);
  });
  afterEach(() => h.close());

  it('runs New → Assigned → Awaiting info → Answered → Closed with two staff, two advisers and the channel', async () => {
    // Staff A asks; the ticket reaches the channel as its own thread.
    const { ref, result } = await askAdviser(h, STAFF_A, {
      question: 'A supplier sent me a bottle of wine. Can I keep it?',
      context: 'They are bidding for a new contract.',
    });
    assert.equal(ref, 'INT-000001');
    assert.match(responseText(result), /Sent to the integrity advisers/);
    const posted = teams.channel();
    assert.equal(posted.length, 1);
    assert.equal(posted[0]?.kind, 'send');
    assert.equal(posted[0]?.conversationId, ADVISERS_CHANNEL_ID);
    assert.match(postText(posted[0]), /INT-000001/);
    assert.match(postText(posted[0]), /Aroha Staff/);
    assert.match(postText(posted[0]), /bottle of wine/);
    assert.match(postText(posted[0]), /bidding for a new contract/);
    const cardId = posted[0]?.activityId;

    // Staff B's own question is a separate ticket.
    const other = await askAdviser(h, STAFF_B, { question: 'Can I sit on a school board?' });
    assert.equal(other.ref, 'INT-000002');

    // Adviser B claims from the channel card; the card updates in place for everyone.
    teams.clear();
    const claim = await h.execute(ADVISER_B, 'ticket.claim', { ticketId: ref }, channel);
    assert.match(responseText(claim), /Assigned/);
    assert.match(responseText(claim), /Mere Adviser/);
    const update = teams.channel().find((p) => p.kind === 'update');
    assert.equal(update?.activityId, cardId);
    assert.match(postText(update), /Mere Adviser/);

    // Adviser A cannot answer someone else's ticket...
    const refused = await h.execute(
      ADVISER_A,
      'ticket.answer',
      { ticketId: ref, answer: 'Keep it.' },
      channel,
    );
    assert.match(responseText(refused), /Only the assigned adviser/);
    assert.equal(teams.personal(STAFF_A).length, 0);
    // ...until taking over, which is explicit and recorded.
    const takeOver = await h.execute(ADVISER_A, 'ticket.takeover', { ticketId: ref }, channel);
    assert.match(responseText(takeOver), /took over/);
    assert.match(responseText(takeOver), /Wiremu Adviser/);
    const audit = await h.deps.store.audit.list({ subjectType: 'ticket', subjectId: ref });
    const takenOver = audit.find((e) => e.action === 'ticket.taken_over');
    assert.equal(takenOver?.actor, ADVISER_A.aadObjectId);
    assert.equal(takenOver?.details?.from, ADVISER_B.aadObjectId);
    assert.ok(
      teams
        .to(`${ADVISERS_CHANNEL_ID};messageid=${cardId}`)
        .some((p) => /took over/.test(postText(p))),
      'a note in the ticket thread',
    );

    // A clarifying question reaches Staff A's chat; the reply comes back to the thread.
    teams.clear();
    const ask = await h.execute(
      ADVISER_A,
      'ticket.requestInfo',
      { ticketId: ref, infoRequest: 'Roughly what was it worth?' },
      channel,
    );
    assert.match(responseText(ask), /Awaiting info/);
    const infoCard = teams.personal(STAFF_A).at(-1);
    assert.match(postText(infoCard), /Roughly what was it worth\?/);
    const reply = await h.execute(STAFF_A, 'ticket.provideInfo', {
      ticketId: ref,
      info: 'About $40.',
    });
    assert.match(responseText(reply), /Reply sent/);
    assert.ok(teams.channel().some((p) => /About \$40/.test(postText(p))));
    assert.equal((await h.deps.escalations.get(ref))?.state, 'assigned');

    // An internal note stays in the channel.
    teams.clear();
    await h.execute(
      ADVISER_B,
      'ticket.note',
      { ticketId: ref, note: 'Seen this supplier before.' },
      channel,
    );
    assert.ok(teams.channel().some((p) => /Seen this supplier before/.test(postText(p))));
    assert.equal(teams.personal(STAFF_A).length, 0);

    // The assignee answers on the card; Staff A gets it in their chat.
    const answer = await h.execute(
      ADVISER_A,
      'ticket.answer',
      { ticketId: ref, answer: 'Decline it politely and record the offer in the gifts register.' },
      channel,
    );
    assert.match(responseText(answer), /Answered/);
    const delivered = teams.personal(STAFF_A).at(-1);
    assert.match(postText(delivered), /Answer from an integrity adviser/);
    assert.match(postText(delivered), /Decline it politely/);
    assert.match(postText(delivered), /That answers it/);
    assert.match(postText(delivered), /I have a follow-up/);

    // A follow-up returns to the same ticket and the same adviser.
    teams.clear();
    const followUp = await h.execute(STAFF_A, 'ticket.followUp', {
      ticketId: ref,
      followUp: 'What if they send it to my home?',
    });
    assert.match(responseText(followUp), /Follow-up sent on INT-000001/);
    const afterFollowUp = await h.deps.escalations.get(ref);
    assert.equal(afterFollowUp?.state, 'assigned');
    assert.equal(afterFollowUp?.assigneeId, ADVISER_A.aadObjectId);
    assert.ok(teams.channel().some((p) => /send it to my home/.test(postText(p))));

    await h.execute(
      ADVISER_A,
      'ticket.answer',
      { ticketId: ref, answer: 'The same applies wherever it arrives.' },
      channel,
    );
    const resolved = await h.execute(STAFF_A, 'ticket.resolve', { ticketId: ref });
    assert.match(responseText(resolved), /INT-000001 is closed/);
    assert.equal((await h.deps.escalations.get(ref))?.state, 'closed');
    assert.match(postText(teams.channel().at(-1)), /Closed/);

    // Publish as FAQ writes a curator's draft in the articles' format.
    const published = await h.execute(ADVISER_A, 'ticket.publishFaq', { ticketId: ref }, channel);
    assert.match(responseText(published), /Draft written for curators/);
    const file = join(draftsDir, 'faq-int-000001.md');
    assert.ok(existsSync(file));
    const text = readFileSync(file, 'utf8');
    const front = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') as Record<string, unknown>;
    assert.equal(front.reviewStatus, 'needs-review');
    assert.deepEqual(front.questions, ['A supplier sent me a bottle of wine. Can I keep it?']);
    assert.match(text, /\n---\nThe same applies wherever it arrives\.\n$/);
    const again = await h.execute(ADVISER_A, 'ticket.publishFaq', { ticketId: ref }, channel);
    assert.match(responseText(again), /already exists/);

    // Reopen by an adviser.
    const reopened = await h.execute(ADVISER_B, 'ticket.reopen', { ticketId: ref }, channel);
    assert.match(responseText(reopened), /Reopened/);

    // Every event is in the append-only audit log.
    const actions = (await h.deps.store.audit.list({ subjectType: 'ticket', subjectId: ref })).map(
      (e) => e.action,
    );
    for (const action of [
      'ticket.created',
      'ticket.claimed',
      'ticket.taken_over',
      'ticket.info_requested',
      'ticket.info_provided',
      'ticket.note',
      'ticket.answered',
      'ticket.follow_up',
      'ticket.resolved',
      'ticket.faq_published',
      'ticket.reopened',
      'ticket.refused',
    ]) {
      assert.ok(actions.includes(action), `audit has ${action}`);
    }
  });

  it('assigns to another adviser, who is told in their chat if the bot can reach them', async () => {
    await h.say(ADVISER_B, 'my tickets'); // Adviser B has a 1:1 chat with the bot
    const { ref } = await askAdviser(h, STAFF_A, { question: 'Is a conference ticket a gift?' });
    const assigned = await h.execute(
      ADVISER_A,
      'ticket.assign',
      { ticketId: ref, assignee: ADVISER_B.aadObjectId },
      channel,
    );
    assert.match(responseText(assigned), /Mere Adviser/);
    assert.match(postText(teams.personal(ADVISER_B).at(-1)), /was assigned to you/);
    const mine = await h.say(ADVISER_B, 'my tickets');
    assert.match(cardText(firstCard(mine)), new RegExp(ref));
    // Assigning to someone who is not an adviser is refused.
    const other = await askAdviser(h, STAFF_A, { question: 'Second question' });
    const bad = await h.execute(
      ADVISER_A,
      'ticket.assign',
      { ticketId: other.ref, assignee: STAFF_B.aadObjectId },
      channel,
    );
    assert.match(responseText(bad), /isn't an integrity adviser/);
  });

  it('shows the queue oldest first, my tickets, and stats without personal data', async () => {
    const first = await askAdviser(h, STAFF_A, { question: 'Question one', topic: 'conflicts' });
    now = new Date(now.getTime() + 60 * 60_000);
    const second = await askAdviser(h, STAFF_B, {
      question: 'Question two',
      topic: 'gifts',
      anonymous: true,
    });
    now = new Date(now.getTime() + 30 * 60_000);
    await h.execute(
      ADVISER_A,
      'ticket.answer',
      { ticketId: first.ref, answer: 'Answer one' },
      channel,
    );

    const queue = cardText(firstCard(await inChannel(h, ADVISER_A, 'queue')));
    assert.ok(queue.indexOf(second.ref) > -1 && queue.indexOf(first.ref) === -1);
    const stats = firstCard(await h.say(ADVISER_B, 'stats'));
    const statsText = cardText(stats);
    assert.match(statsText, /All tickets\n2/);
    assert.match(statsText, /Median time to first response\n1 h 30 min/);
    assert.match(statsText, /Conflicts of interest\n1/);
    assert.match(statsText, /Gifts, hospitality and koha\n1/);
    const json = JSON.stringify(stats);
    for (const secret of [STAFF_A.name, STAFF_B.name, STAFF_B.aadObjectId, 'Question two']) {
      assert.ok(!json.includes(secret), `stats leak: ${secret}`);
    }
    // A staff member's "my tickets" lists only their own questions.
    const own = cardText(firstCard(await h.say(STAFF_B, 'my tickets')));
    assert.match(own, /Your questions to advisers/);
    assert.match(own, new RegExp(second.ref));
    assert.doesNotMatch(own, new RegExp(first.ref));
  });
});

describe('advisers: authorisation on every action', () => {
  let h: ConversationHarness;
  let teams: ProactiveObserver;
  let ref: string;

  beforeEach(async () => {
    h = createConversationHarness();
    teams = observeProactive(h);
    await inChannel(h, ADVISER_A, 'register this channel');
    ref = (await askAdviser(h, STAFF_A, { question: 'Can I accept a speaking fee?' })).ref;
    teams.clear();
  });
  afterEach(() => h.close());

  it('refuses a non-adviser claiming from the channel: error card, security event, audit', async () => {
    const result = await h.execute(STAFF_B, 'ticket.claim', { ticketId: ref }, channel);
    assert.equal(result.response?.statusCode, 200);
    assert.match(responseText(result), /Only integrity advisers can do that/);
    assert.equal((await h.deps.escalations.get(ref))?.state, 'new');
    assert.equal(teams.posts.length, 0);
    const events = securityEvents(h);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.verb, 'ticket.claim');
    assert.equal(events[0]?.reason, 'not_adviser');
    const refused = (await h.deps.store.audit.list({ subjectId: ref })).filter(
      (e) => e.action === 'ticket.refused',
    );
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.actor, STAFF_B.aadObjectId);
  });

  it('refuses every adviser verb to a non-adviser, even in the advisers channel', async () => {
    for (const [verb, data] of [
      ['ticket.answer', { answer: 'x' }],
      ['ticket.takeover', {}],
      ['ticket.note', { note: 'x' }],
      ['ticket.close', {}],
      ['ticket.publishFaq', {}],
      ['ticket.assign', { assignee: STAFF_B.aadObjectId }],
    ] as const) {
      const result = await h.execute(STAFF_B, verb, { ticketId: ref, ...data }, channel);
      assert.match(responseText(result), /Only integrity advisers/, verb);
    }
    for (const command of ['queue', 'stats', 'register this channel']) {
      const replies = await inChannel(h, STAFF_B, command);
      assert.match(cardText(firstCard(replies)), /Only integrity advisers/, command);
    }
    assert.equal((await h.deps.escalations.get(ref))?.state, 'new');
    assert.equal(securityEvents(h).length, 9);
  });

  it('refuses a forged ticket id with the same answer as a missing one', async () => {
    for (const ticketId of ['INT-999999', "INT-1' OR 1=1", 'DEC-000001']) {
      const result = await h.execute(ADVISER_A, 'ticket.claim', { ticketId }, channel);
      assert.match(responseText(result), /Ticket not found/, ticketId);
    }
    const forged = await h.execute(ADVISER_A, 'ticket.claim', {
      ticketId: ref,
      askerId: STAFF_B.aadObjectId,
    });
    assert.match(responseText(forged), /didn't look right/);
    assert.equal(securityEvents(h).length, 3);
    assert.equal(securityEvents(h, 'payload_rejected').length, 1);
  });

  it('refuses an asker acting on someone else’s ticket', async () => {
    await h.execute(
      ADVISER_A,
      'ticket.answer',
      { ticketId: ref, answer: 'Yes, declare it.' },
      channel,
    );
    teams.clear();
    for (const [verb, data] of [
      ['ticket.resolve', {}],
      ['ticket.followUp', { followUp: 'hijack' }],
      ['ticket.provideInfo', { info: 'hijack' }],
      ['ticket.show', {}],
    ] as const) {
      const result = await h.execute(STAFF_B, verb, { ticketId: ref, ...data });
      assert.match(responseText(result), /Ticket not found/, verb);
    }
    const ticket = await h.deps.escalations.get(ref);
    assert.equal(ticket?.state, 'answered');
    assert.equal(ticket?.followUp, null);
    assert.equal(teams.posts.length, 0);
    assert.equal(securityEvents(h).length, 4);
    assert.ok(securityEvents(h).every((e) => e.reason === 'not_owner'));
  });

  it('lets only the assignee answer; others must take over first', async () => {
    await h.execute(ADVISER_A, 'ticket.claim', { ticketId: ref }, channel);
    const result = await h.execute(
      ADVISER_B,
      'ticket.answer',
      { ticketId: ref, answer: 'My answer' },
      channel,
    );
    assert.match(responseText(result), /Only the assigned adviser can do that/);
    assert.equal((await h.deps.escalations.get(ref))?.answer, null);
    assert.equal(teams.personal(STAFF_A).length, 0);
    const claim = await h.execute(ADVISER_B, 'ticket.claim', { ticketId: ref }, channel);
    assert.match(responseText(claim), /Already assigned to Wiremu Adviser/);
    assert.equal(securityEvents(h).length, 1);
    assert.equal(securityEvents(h)[0]?.reason, 'not_assignee');
  });
});

describe('advisers: service levels and a channel Teams stops accepting', () => {
  let h: ConversationHarness;
  let teams: ProactiveObserver;
  let now: Date;

  beforeEach(async () => {
    // Monday 23 November 2026, 9:00 am in Wellington.
    now = new Date('2026-11-22T20:00:00Z');
    h = createConversationHarness({ clock: () => now });
    teams = observeProactive(h);
    await inChannel(h, ADVISER_A, 'register this channel');
  });
  afterEach(() => h.close());

  const scheduler = () =>
    createEscalationScheduler({
      service: h.deps.escalations,
      notices: createAdapterEscalationOutbound(h.adapter, h.deps),
      log: h.deps.log,
    });
  const hours = (n: number) => {
    now = new Date(now.getTime() + n * 60 * 60_000);
  };
  const reminders = () =>
    teams.channel().filter((p) => /Still waiting for an adviser/.test(postText(p)));

  it('reminds the channel once per period of working hours, never a flood', async () => {
    const { ref } = await askAdviser(h, STAFF_A, { question: 'Unassigned question' });
    const timers = scheduler();
    hours(3);
    await timers.tick();
    assert.equal(reminders().length, 0);
    hours(1.5); // 4.5 working hours
    await timers.tick();
    await timers.tick();
    assert.equal(reminders().length, 1);
    assert.match(postText(reminders()[0]), new RegExp(ref));
    // The second period ends at 5 pm on Monday; overnight ticks add nothing after that.
    for (let i = 0; i < 10; i += 1) {
      hours(2);
      await timers.tick();
    }
    assert.equal(reminders().length, 2, 'one more after the second period');
    await h.execute(ADVISER_A, 'ticket.claim', { ticketId: ref }, channel);
    hours(24);
    await timers.tick();
    assert.equal(reminders().length, 2, 'no reminders once claimed');
  });

  it('closes answered tickets after the configured days without a follow-up', async () => {
    const { ref } = await askAdviser(h, STAFF_A, { question: 'Quick one' });
    await h.execute(ADVISER_A, 'ticket.answer', { ticketId: ref, answer: 'Yes.' }, channel);
    const timers = scheduler();
    hours(13 * 24);
    await timers.tick();
    assert.equal((await h.deps.escalations.get(ref))?.state, 'answered');
    hours(24);
    teams.clear();
    await timers.tick();
    const ticket = await h.deps.escalations.get(ref);
    assert.equal(ticket?.state, 'closed');
    assert.equal(ticket?.closedBy, 'system');
    assert.match(postText(teams.channel().at(-1)), /closed automatically/);
    const audit = await h.deps.store.audit.list({ subjectId: ref });
    assert.ok(audit.some((e) => e.action === 'ticket.auto_closed' && e.actor === 'system'));
  });

  it('marks the channel stale on 403, tells advisers, queues tickets and posts them after re-registering', async () => {
    await h.say(ADVISER_B, 'my tickets'); // Adviser B can be reached in their chat
    teams.failNext(ADVISERS_CHANNEL_ID, 403);
    const { ref } = await askAdviser(h, STAFF_A, { question: 'Posted while the channel is gone' });
    assert.equal((await h.deps.store.ticketContacts.advisersChannel())?.stale, true);
    assert.match(postText(teams.personal(ADVISER_B).at(-1)), /can't post to the advisers' channel/);
    const before = teams.channel().length;
    await askAdviser(h, STAFF_B, { question: 'Another one' });
    assert.equal(teams.channel().length, before, 'nothing is sent to a stale channel');

    const replies = await h.say(ADVISER_A, 'help');
    assert.ok(replies.some((r) => /2 adviser tickets are waiting/.test(String(r.text))));
    const quiet = await h.say(ADVISER_A, 'help');
    assert.ok(
      !quiet.some((r) => /waiting/.test(String(r.text))),
      'told once, not on every message',
    );

    teams.clear();
    await inChannel(h, ADVISER_A, 'register this channel');
    const reposted = teams.channel().filter((p) => p.kind === 'send');
    assert.equal(reposted.length, 2);
    assert.match(postText(reposted[0]), new RegExp(ref));
  });

  it("posts forwarding's dead-letter and disabled-destination alerts to the advisers' channel", async () => {
    const outbound = createAdapterEscalationOutbound(h.adapter, h.deps);
    await outbound.alertSink.raise({
      kind: 'dead_letter',
      destinationId: 'case-system',
      eventId: 'evt-1',
      eventType: 'nz.govt.integrity.declaration.submitted',
      subject: 'DEC-000042',
      reason: 'http_503',
      httpStatus: 503,
      attempts: 10,
      at: now,
    });
    const alert = postText(teams.channel().at(-1));
    assert.match(alert, /could not be forwarded/);
    assert.match(alert, /DEC-000042/);
    assert.match(alert, /case-system/);
    assert.match(alert, /http_503/);
  });

  it('tells the channel when an answer cannot reach the asker (403), and marks their chat stale', async () => {
    const { ref } = await askAdviser(h, STAFF_A, { question: 'Will this reach me?' });
    teams.failNext(`a:personal-${STAFF_A.key}`, 403);
    await h.execute(ADVISER_A, 'ticket.answer', { ticketId: ref, answer: 'Hello' }, channel);
    assert.ok(teams.channel().some((p) => /couldn't deliver the answer/.test(postText(p))));
    assert.equal(
      (await h.deps.store.ticketContacts.conversationOf(STAFF_A.aadObjectId))?.stale,
      true,
    );
    // The person comes back: their chat is usable again.
    await h.say(STAFF_A, 'help');
    assert.equal(
      (await h.deps.store.ticketContacts.conversationOf(STAFF_A.aadObjectId))?.stale,
      false,
    );
  });
});
