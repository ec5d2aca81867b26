import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import { testConfig } from '../support/config';
import {
  startConnectorStub,
  type ConnectorRequest,
  type ConnectorStub,
} from '../support/connector-stub';
import { activityFor, BOT, cardText, type Where } from '../support/conversation';
import { postActivity, startTestBot, type TestBot } from '../support/http';
import {
  ADVISER_A,
  ADVISER_B,
  ADVISERS_CHANNEL_ID,
  STAFF_A,
  STAFF_B,
  TEAM_ID,
  type TestUser,
} from '../support/users';
import { positiveAction, press } from './declare-generic-client';

type Card = Record<string, unknown>;
const channel: Where = { conversation: 'channel' };

function cardOf(activity: Partial<Activity> | undefined): Card | undefined {
  return activity?.attachments?.find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content as Card | undefined;
}

function bodyText(request: ConnectorRequest | undefined): string {
  return cardText(cardOf(request?.body));
}

describe('escalations over HTTP with a Bot Connector stub', () => {
  let bot: TestBot;
  let stub: ConnectorStub;

  const activity = (user: TestUser, partial: Partial<Activity>, where: Where = {}) =>
    activityFor(user, { ...partial, serviceUrl: stub.url }, where);

  async function say(user: TestUser, text: string, where: Where = {}) {
    const channelText = where.conversation === 'channel' ? `<at>${BOT.name}</at> ${text}` : text;
    const result = await postActivity(
      bot.url,
      activity(
        user,
        {
          type: 'message',
          id: `m-${Math.random()}`,
          text: channelText,
          ...(where.conversation === 'channel'
            ? { entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] }
            : {}),
        },
        where,
      ),
    );
    assert.equal(result.status, 200);
    return result.activities;
  }

  async function execute(
    user: TestUser,
    verb: string,
    data: Record<string, unknown>,
    where: Where = {},
  ) {
    const result = await postActivity(
      bot.url,
      activity(
        user,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        },
        where,
      ),
    );
    assert.equal(result.status, 200);
    const invoke = result.activities.find((a) => a.type === 'invokeResponse')?.value as
      { body?: { statusCode: number; type: string; value: Card } } | undefined;
    assert.equal(invoke?.body?.statusCode, 200);
    return invoke?.body?.value ?? {};
  }

  /** A person opens the ask card by typing, fills it in and presses Send, knowing nothing else. */
  async function askByCard(user: TestUser, overrides: Record<string, unknown> = {}) {
    const card = cardOf((await say(user, 'talk to an adviser'))[0]);
    const send = positiveAction(card);
    assert.ok(send);
    const confirmation = await execute(user, send.verb, { ...press(card, send), ...overrides });
    const ref = /INT-\d{6}/.exec(cardText(confirmation))?.[0];
    assert.ok(ref, cardText(confirmation));
    return ref;
  }

  beforeEach(async () => {
    stub = await startConnectorStub();
    bot = await startTestBot({ config: testConfig({ env: { RUN_WORKER: 'false' } }) });
    const replies = await say(ADVISER_A, 'register this channel', channel);
    assert.match(String(replies[0]?.text), /now receives integrity adviser tickets/);
  });
  afterEach(async () => {
    await bot.stop();
    await stub.close();
  });

  it('posts the ticket to the channel, refuses a non-adviser, and delivers the answer to the asker', async () => {
    const ref = await askByCard(STAFF_A, {
      anonymous: 'false',
      question: 'Can I keep the wine a supplier sent?',
    });

    // The ticket card reaches the channel as a new thread: POST /v3/conversations/{channel}/activities.
    const posted = stub.posts(ADVISERS_CHANNEL_ID);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]?.conversationId, ADVISERS_CHANNEL_ID);
    assert.equal(
      posted[0]?.path,
      `/v3/conversations/${encodeURIComponent(ADVISERS_CHANNEL_ID)}/activities`,
    );
    assert.match(bodyText(posted[0]), new RegExp(`${ref}`));
    assert.match(bodyText(posted[0]), /Aroha Staff/);
    assert.match(bodyText(posted[0]), /Can I keep the wine/);
    assert.equal(posted[0]?.authorization, undefined, 'local mode sends no token');

    // A non-adviser in the channel presses Claim: refused, nothing changes anywhere.
    const ticketCard = cardOf(posted[0]?.body);
    const claim = positiveAction(ticketCard);
    assert.equal(claim?.verb, 'ticket.claim');
    const refused = await execute(STAFF_B, 'ticket.claim', press(ticketCard, claim), channel);
    assert.match(cardText(refused), /Only integrity advisers can do that/);
    assert.equal(stub.updates().length, 0);
    assert.ok(
      bot.logs
        .lines()
        .some((l) => l.event === 'authorisation_refused' && l.verb === 'ticket.claim'),
    );

    // The adviser claims: the response card and the channel message both update.
    const claimed = await execute(ADVISER_B, 'ticket.claim', press(ticketCard, claim), channel);
    assert.match(cardText(claimed), /Mere Adviser/);
    const update = stub.updates(ADVISERS_CHANNEL_ID).at(-1);
    assert.equal(update?.activityId, 'stub-1');
    assert.match(bodyText(update), /Assigned/);

    // The assignee writes the answer on the card; it reaches the asker's 1:1 chat.
    const sendAnswer = positiveAction(claimed);
    assert.equal(sendAnswer?.verb, 'ticket.answer');
    await execute(
      ADVISER_B,
      'ticket.answer',
      { ...press(claimed, sendAnswer), answer: 'Decline it politely and record the offer.' },
      channel,
    );
    const toAsker = stub.posts(`a:personal-${STAFF_A.key}`);
    assert.equal(toAsker.length, 1);
    assert.equal(
      toAsker[0]?.path,
      `/v3/conversations/${encodeURIComponent(`a:personal-${STAFF_A.key}`)}/activities`,
    );
    assert.match(bodyText(toAsker[0]), /Answer from an integrity adviser/);
    assert.match(bodyText(toAsker[0]), /Decline it politely/);
    assert.match(bodyText(stub.updates(ADVISERS_CHANNEL_ID).at(-1)), /Answered/);

    // "That answers it" closes the ticket; the channel card follows.
    const answerCard = cardOf(toAsker[0]?.body);
    const thanks = positiveAction(answerCard);
    assert.equal(thanks?.verb, 'ticket.resolve');
    const closed = await execute(STAFF_A, thanks.verb, press(answerCard, thanks));
    assert.match(cardText(closed), /is closed/);
    assert.match(bodyText(stub.updates(ADVISERS_CHANNEL_ID).at(-1)), /Closed/);
  });

  it('never shows an anonymous asker’s name or ids in anything posted to the channel', async () => {
    // The generic client switches every toggle on, "Ask anonymously" included.
    const ref = await askByCard(STAFF_A, { question: 'Anonymous CANARY-PII-7f3a' });
    const ticket = cardOf(stub.posts(ADVISERS_CHANNEL_ID)[0]?.body);
    assert.match(cardText(ticket), /Anonymous/);
    await execute(ADVISER_A, 'ticket.claim', { ticketId: ref }, channel);
    await execute(
      ADVISER_A,
      'ticket.requestInfo',
      { ticketId: ref, infoRequest: 'When?' },
      channel,
    );
    const info = stub.posts(`a:personal-${STAFF_A.key}`).at(-1);
    assert.match(bodyText(info), /When\?/);
    await execute(STAFF_A, 'ticket.provideInfo', { ticketId: ref, info: 'Last week' });
    await execute(ADVISER_A, 'ticket.note', { ticketId: ref, note: 'Checking policy' }, channel);
    await execute(ADVISER_A, 'ticket.answer', { ticketId: ref, answer: 'Declare it.' }, channel);
    await execute(STAFF_A, 'ticket.followUp', { ticketId: ref, followUp: 'And next time?' });
    await say(ADVISER_A, 'queue', channel);

    const toChannel = stub.requests.filter((r) => r.conversationId.startsWith(ADVISERS_CHANNEL_ID));
    assert.ok(toChannel.length >= 6, `only ${toChannel.length} channel requests`);
    const everything = JSON.stringify(toChannel.map((r) => r.body));
    for (const secret of [
      STAFF_A.name,
      'Aroha',
      STAFF_A.aadObjectId,
      `29:${STAFF_A.key}`,
      `personal-${STAFF_A.key}`,
    ]) {
      assert.ok(!everything.includes(secret), `the channel was shown ${secret}`);
    }
    const logs = bot.logs.raw();
    for (const secret of [STAFF_A.name, STAFF_A.aadObjectId, 'CANARY-PII-7f3a']) {
      assert.ok(!logs.includes(secret), `the logs show ${secret}`);
    }
    // The answer still reached the asker.
    assert.ok(
      stub.posts(`a:personal-${STAFF_A.key}`).some((r) => /Declare it\./.test(bodyText(r))),
    );
  });

  it('retries a 429 after Retry-After, and does not retry a 500', async () => {
    stub.failNext({ conversationPrefix: ADVISERS_CHANNEL_ID, method: 'POST' }, 429, {
      'Retry-After': '1',
    });
    const ref = await askByCard(STAFF_A, { anonymous: 'false' });
    const attempts = stub.requests.filter((r) => r.conversationId === ADVISERS_CHANNEL_ID);
    assert.deepEqual(
      attempts.map((r) => r.status),
      [429, 201],
    );
    assert.equal((await bot.deps.escalations.get(ref))?.channelMessageId, 'stub-1');

    stub.failNext({ conversationPrefix: ADVISERS_CHANNEL_ID, method: 'POST' }, 500);
    const second = await askByCard(STAFF_B, { anonymous: 'false' });
    const after = stub.requests.filter((r) => r.conversationId === ADVISERS_CHANNEL_ID);
    assert.deepEqual(
      after.map((r) => r.status),
      [429, 201, 500],
      'a 500 is not retried',
    );
    assert.equal((await bot.deps.escalations.get(second))?.channelMessageId, null);
    // Queued, not lost: the next sweep posts it.
    await bot.deps.escalationOutbound?.postQueued();
    assert.match(bodyText(stub.posts(ADVISERS_CHANNEL_ID).at(-1)), new RegExp(second));
  });

  it('retries 412, 502, 503 and 504, and reposts a card whose message was deleted (404)', async () => {
    for (const status of [412, 502, 503, 504]) {
      stub.failNext({ conversationPrefix: ADVISERS_CHANNEL_ID, method: 'POST' }, status, {
        'Retry-After': '0',
      });
    }
    const ref = await askByCard(STAFF_A, { anonymous: 'false' });
    const attempts = stub.requests.filter((r) => r.conversationId === ADVISERS_CHANNEL_ID);
    assert.deepEqual(
      attempts.map((r) => r.status),
      [412, 502, 503, 504],
      'four attempts in all, then it gives up for now',
    );
    await bot.deps.escalationOutbound?.postQueued();
    const cardId = (await bot.deps.escalations.get(ref))?.channelMessageId;
    assert.ok(cardId);

    stub.failNext({ conversationPrefix: ADVISERS_CHANNEL_ID, method: 'PUT' }, 404);
    await execute(ADVISER_A, 'ticket.claim', { ticketId: ref }, channel);
    const reposted = stub.posts(ADVISERS_CHANNEL_ID).at(-1);
    assert.match(bodyText(reposted), /Assigned/);
    assert.notEqual((await bot.deps.escalations.get(ref))?.channelMessageId, cardId);
  });

  it('marks the channel stale on 403, stops posting, tells advisers, and recovers on re-registering', async () => {
    await say(ADVISER_B, 'my tickets'); // Adviser B has a 1:1 chat the bot can use
    stub.failNext({ conversationPrefix: ADVISERS_CHANNEL_ID }, 403);
    const first = await askByCard(STAFF_A, { anonymous: 'false' });
    assert.equal(stub.requests.filter((r) => r.conversationId === ADVISERS_CHANNEL_ID).length, 1);
    assert.equal((await bot.deps.store.ticketContacts.advisersChannel())?.stale, true);
    assert.match(
      bodyText(stub.posts(`a:personal-${ADVISER_B.key}`).at(-1)),
      /can't post to the advisers' channel/,
    );
    await askByCard(STAFF_B, { anonymous: 'false' });
    assert.equal(
      stub.requests.filter((r) => r.conversationId === ADVISERS_CHANNEL_ID).length,
      1,
      'nothing more is sent to a stale channel',
    );
    await say(ADVISER_A, 'register this channel', channel);
    const posts = stub.posts(ADVISERS_CHANNEL_ID);
    assert.equal(posts.length, 2);
    assert.match(bodyText(posts[0]), new RegExp(first));
  });

  it('keeps to 7 posts a second in one conversation and drops none', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 10; i += 1)
      refs.push(await askByCard(i % 2 ? STAFF_A : STAFF_B, { anonymous: 'false' }));
    await bot.deps.escalationOutbound?.idle();
    const posts = stub.posts(ADVISERS_CHANNEL_ID);
    assert.equal(posts.length, 10);
    // However fast tickets arrive, no second of the channel holds more than 7 sends.
    const times = stub.requests
      .filter((r) => r.conversationId.startsWith(ADVISERS_CHANNEL_ID))
      .map((r) => r.at);
    for (const start of times) {
      const inWindow = times.filter((t) => t >= start && t < start + 900).length;
      assert.ok(inWindow <= 7, `${inWindow} sends within a second`);
    }
    for (const ref of refs)
      assert.ok(
        posts.some((p) => bodyText(p).includes(ref)),
        ref,
      );
  });
});

describe('escalations over HTTP: advisers from a configured team', () => {
  let bot: TestBot;
  let stub: ConnectorStub;

  beforeEach(async () => {
    stub = await startConnectorStub();
    bot = await startTestBot({
      config: testConfig({
        agency: { advisers: { ids: [], teamId: TEAM_ID } },
        env: { RUN_WORKER: 'false' },
      }),
    });
  });
  afterEach(async () => {
    await bot.stop();
    await stub.close();
  });

  it('treats members of the advisers team as advisers, asking Teams, and nobody else', async () => {
    stub.addTeamMember(TEAM_ID, {
      id: `29:${ADVISER_B.key}`,
      aadObjectId: ADVISER_B.aadObjectId,
      name: ADVISER_B.name,
    });
    const post = (user: TestUser, text: string) =>
      postActivity(
        bot.url,
        activityFor(
          user,
          {
            type: 'message',
            id: `m-${Math.random()}`,
            serviceUrl: stub.url,
            text: `<at>${BOT.name}</at> ${text}`,
            entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }],
          },
          channel,
        ),
      );
    const outsider = await post(STAFF_B, 'register this channel');
    assert.match(cardText(cardOf(outsider.activities[0])), /Only integrity advisers/);
    const member = await post(ADVISER_B, 'register this channel');
    assert.match(String(member.activities[0]?.text), /now receives integrity adviser tickets/);
    assert.ok(stub.requests.some((r) => r.path.includes('/members/')));
  });
});
