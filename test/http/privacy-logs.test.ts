import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { cardText } from '../support/conversation';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub';
import { postActivity, startTestBot, type TestBot } from '../support/http';
import { TENANT_ID } from '../support/users';
import { fillInput, inputsOf, positiveAction, type CardAction } from './declare-generic-client';

const CANARY = 'CANARY-PII-7f3a';
const USER = { key: 'canary', aadObjectId: randomUUID(), name: `${CANARY} Person` };
type Card = Record<string, unknown>;

/** Everything a person types carries the canary; nothing of it may reach a log line. */
describe('privacy: no personal content in logs (canary run over HTTP)', function () {
  this.timeout(60_000);
  let bot: TestBot;
  let connector: ConnectorStub;

  before(async () => {
    connector = await startConnectorStub();
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
    await connector.close();
  });

  const activity = (extra: Partial<Activity>): Partial<Activity> => ({
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: `29:${USER.key}`, name: USER.name, aadObjectId: USER.aadObjectId },
    recipient: { id: '28:integrity-bot', name: 'Integrity assistant' },
    conversation: {
      id: 'a:canary',
      conversationType: 'personal',
      tenantId: TENANT_ID,
    } as Activity['conversation'],
    channelData: { tenant: { id: TENANT_ID } },
    ...extra,
  });

  const execute = async (verb: string, data: Record<string, unknown>): Promise<Card> => {
    const result = await postActivity(
      bot.url,
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    );
    const invoke = result.activities.find((a) => a.type === 'invokeResponse')?.value as
      { body?: { value?: Card } } | undefined;
    assert.equal(result.status, 200);
    return invoke?.body?.value ?? {};
  };

  /** Fills every input, text with the canary, and presses the positive action. */
  const press = (card: Card, action: CardAction): Record<string, unknown> => {
    const values: Record<string, unknown> = {};
    for (const input of inputsOf(card)) {
      const plain = fillInput(input);
      const max = typeof input.node.maxLength === 'number' ? input.node.maxLength : 200;
      values[input.id] =
        input.type === 'Input.Text' && !/^\d/.test(plain)
          ? `${CANARY} ${plain}`.slice(0, max)
          : plain;
    }
    return { ...action.data, ...(action.associatedInputs === 'none' ? {} : values) };
  };

  it('asks, declares every form, and asks an adviser, leaving no canary or name in any log line', async () => {
    await postActivity(
      bot.url,
      activity({
        type: 'message',
        id: randomUUID(),
        text: `${CANARY} my brother-in-law applied for a job in my team`,
      }),
    );
    await postActivity(
      bot.url,
      activity({ type: 'message', id: randomUUID(), text: `${CANARY} zebra crossing timetable` }),
    );

    for (const form of [
      'conflict-of-interest',
      'gift-hospitality',
      'secondary-employment',
      'koha-given',
    ]) {
      let card = await execute('declare.start', { form });
      for (let i = 0; i < 30; i += 1) {
        const action = positiveAction(card);
        if (!action) break;
        card = await execute(action.verb, press(card, action));
      }
      assert.match(cardText(card), /(COI|GIF|SEC|KOH)-\d{4}-\d{6}/, `${form} was not submitted`);
    }

    const ask = await execute('adviser.ask', { question: `${CANARY} is this ok?` });
    const askAction = positiveAction(ask);
    assert.ok(askAction);
    const sent = await execute(askAction.verb, press(ask, askAction));
    assert.match(cardText(sent), /INT-\d+/);

    // Let background work (forwarding, proactive posts) log what it logs.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The canary did flow through: the store holds it (so its absence from the logs means something).
    const dir = bot.deps.config.env.dataDir;
    const stored = readdirSync(dir)
      .filter((f) => f.startsWith('integrity.sqlite'))
      .some((f) => readFileSync(join(dir, f)).includes(CANARY));
    assert.ok(stored, 'the canary never reached the store');
    const raw = bot.logs.raw();
    assert.ok(raw.length > 0, 'nothing was logged at all');
    assert.equal(raw.includes(CANARY), false, 'a canary reached the logs');
    assert.equal(raw.includes(USER.name), false, "the user's name reached the logs");
  });
});
