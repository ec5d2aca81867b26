import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FORM_IDS } from '../../src/core/declarations/form-definition';
import { testConfig, tempDir } from '../support/config';
import { activityFor, cardText } from '../support/conversation';
import { postActivity, startTestBot, type TestBot } from '../support/http';
import { STAFF_A, STAFF_B, type TestUser } from '../support/users';
import { completeCards, positiveAction, press } from './declare-generic-client';

type Card = Record<string, unknown>;

/** Says something in the 1:1 chat over HTTP; returns the first card the bot replied with. */
async function say(bot: TestBot, user: TestUser, text: string): Promise<Card> {
  const result = await postActivity(
    bot.url,
    activityFor(user, { type: 'message', id: `m-${Math.random()}`, text }),
  );
  assert.equal(result.status, 200);
  const card = result.activities
    .flatMap((a) => a.attachments ?? [])
    .find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  assert.ok(card, `no card for "${text}"`);
  return card.content as Card;
}

/** Presses a card button over HTTP (an Action.Execute invoke); returns the card it refreshed to. */
async function execute(
  bot: TestBot,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<Card> {
  const result = await postActivity(
    bot.url,
    activityFor(user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  );
  assert.equal(result.status, 200);
  const body = result.activities.find((a) => a.type === 'invokeResponse')?.value as
    { body?: { statusCode: number; type: string; value: Card } } | undefined;
  assert.equal(body?.body?.statusCode, 200);
  assert.equal(body?.body?.type, 'application/vnd.microsoft.card.adaptive');
  return body.body.value;
}

function count(bot: TestBot, sql: string): number {
  const db = new Database(join(bot.deps.config.env.dataDir, 'integrity.sqlite'), {
    readonly: true,
  });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('declarations over HTTP', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({
      config: testConfig({
        agency: {
          forwarding: { destinations: [{ id: 'local-folder', type: 'file', path: tempDir() }] },
        } as never,
      }),
    });
  });
  afterEach(() => bot.stop());

  it('a client that knows nothing of the forms completes every one of them', async () => {
    const starts: Record<string, string> = {
      'conflict-of-interest': 'I need to declare a conflict',
      'gift-hospitality': 'I was given a bottle of wine',
      'secondary-employment': 'declare secondary employment',
    };
    for (const form of FORM_IDS) {
      const typed = starts[form];
      const first = typed
        ? await say(bot, STAFF_A, typed)
        : await execute(bot, STAFF_A, 'declare.start', { form });
      const cards = (await completeCards(first, (verb, data) =>
        execute(bot, STAFF_A, verb, data),
      )) as Card[];
      const receipts = cards.filter((c) => /Declaration received/.test(cardText(c)));
      assert.ok(receipts.length >= 1, `${form}: no confirmation`);
      assert.match(cardText(receipts[0]), /Reference\n(COI|GIF|SEC|KOH)-\d{4}-\d{6}/);
    }
    // The gift's answers opened a conflict of interest, which the client completed too.
    assert.equal(count(bot, 'SELECT COUNT(*) n FROM declarations'), 5);
    const list = await say(bot, STAFF_A, 'my declarations');
    assert.equal(new Set(cardText(list).match(/(COI|GIF|SEC|KOH)-\d{4}-\d{6}/g)).size, 5);
  });

  it('refuses forged and malformed payloads, storing nothing', async () => {
    const privacy = await execute(bot, STAFF_A, 'declare.start', { form: 'gift-hospitality' });
    const step = await execute(bot, STAFF_A, 'declare.begin', { form: 'gift-hospitality' });
    assert.ok(positiveAction(privacy));
    const next = positiveAction(step);
    assert.ok(next);
    const data = press(step, next);
    for (const forged of [
      { ...data, extra: 'x' },
      { ...data, roleTitle: 'x'.repeat(10_000) },
      { ...data, roleTitle: ['a'] },
      { ...data, declarantId: STAFF_B.aadObjectId },
      JSON.parse(
        `{"__proto__": {"admin": true}, "draftId": "${String(data.draftId)}", "rev": 1}`,
      ) as Record<string, unknown>,
    ]) {
      const card = await execute(bot, STAFF_A, 'declare.next', forged);
      assert.match(cardText(card), /didn't expect|need another look|always made as yourself/);
    }
    assert.equal(count(bot, `SELECT COUNT(*) n FROM declaration_drafts WHERE rev > 1`), 0);
    assert.equal(count(bot, 'SELECT COUNT(*) n FROM declarations'), 0);
    assert.match(bot.logs.raw(), /identity_mismatch/);
    assert.match(bot.logs.raw(), /payload_rejected/);
  });

  it('a double submit stores one declaration, and another user cannot see it', async () => {
    let card = await execute(bot, STAFF_A, 'declare.start', { form: 'koha-given' });
    while (!/Check your answers/.test(cardText(card))) {
      const action = positiveAction(card);
      assert.ok(action);
      card = await execute(bot, STAFF_A, action.verb, press(card, action));
    }
    const submit = positiveAction(card);
    assert.ok(submit);
    const data = press(card, submit);
    const [first, second] = await Promise.all([
      execute(bot, STAFF_A, submit.verb, data),
      execute(bot, STAFF_A, submit.verb, data),
    ]);
    const texts = [cardText(first), cardText(second)].join('\n');
    assert.match(texts, /KOH-\d{4}-000001/);
    assert.equal(count(bot, 'SELECT COUNT(*) n FROM declaration_versions'), 1);
    assert.equal(count(bot, `SELECT COUNT(*) n FROM outbox WHERE event_type LIKE '%submitted'`), 1);

    const actions = (first.actions ?? second.actions) as {
      title: string;
      data: { declarationId?: string };
    }[];
    const id = actions.find((a) => a.title === 'View declaration')?.data.declarationId ?? '';
    const seen = await execute(bot, STAFF_B, 'mydecl.show', { declarationId: id });
    assert.match(cardText(seen), /isn't available/);
    const withdraw = await execute(bot, STAFF_B, 'mydecl.withdraw.confirm', {
      declarationId: id,
      withdrawReason: 'x',
    });
    assert.match(cardText(withdraw), /isn't available/);
    assert.match(cardText(await say(bot, STAFF_B, 'my declarations')), /haven't made any/);
    assert.equal(count(bot, `SELECT COUNT(*) n FROM declarations WHERE status = 'submitted'`), 1);
  });
});
