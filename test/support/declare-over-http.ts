import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { positiveAction, press } from '../http/declare-generic-client';
import { cardText } from './conversation';
import { postActivity } from './http';
import { TENANT_ID, type TestUser } from './users';

type Card = Record<string, unknown>;

export function syntheticUser(): TestUser {
  const id = randomUUID();
  return { key: `staff-${id.slice(0, 8)}`, aadObjectId: id, name: 'Synthetic Staff' };
}

function activity(user: TestUser, extra: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/',
    from: { id: `29:${user.key}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:integrity-bot', name: 'Integrity assistant' },
    conversation: {
      id: `a:fwd-${user.key}`,
      conversationType: 'personal',
      tenantId: TENANT_ID,
    } as Activity['conversation'],
    channelData: { tenant: { id: TENANT_ID } },
    ...extra,
  };
}

/** Presses a card button over HTTP, as Teams would; returns the card it refreshed to. */
export async function executeOverHttp(
  url: string,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<Card> {
  const result = await postActivity(
    url,
    activity(user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  );
  const body = result.activities.find((a) => a.type === 'invokeResponse')?.value as
    { body?: { value?: Card } } | undefined;
  if (result.status !== 200 || !body?.body?.value)
    throw new Error(`invoke ${verb}: ${result.status}`);
  return body.body.value;
}

export async function sayOverHttp(url: string, user: TestUser, text: string): Promise<string> {
  const result = await postActivity(
    url,
    activity(user, { type: 'message', id: randomUUID(), text }),
  );
  return result.activities.map((a) => `${a.text ?? ''}\n${cardText(a.attachments)}`).join('\n');
}

/**
 * Fills a form as a person would, up to (not including) the final submit; returns the submit
 * press so a test can fire many at once.
 */
export async function prepareDeclaration(
  url: string,
  user: TestUser,
  form = 'koha-given',
): Promise<() => Promise<string>> {
  let card = await executeOverHttp(url, user, 'declare.start', { form });
  for (let i = 0; i < 30 && !/Check your answers/.test(cardText(card)); i += 1) {
    const action = positiveAction(card);
    if (!action)
      throw new Error(`stuck before "Check your answers": ${cardText(card).slice(0, 200)}`);
    card = await executeOverHttp(url, user, action.verb, press(card, action));
  }
  const submit = positiveAction(card);
  if (!submit) throw new Error('no submit action');
  const data = press(card, submit);
  return async () => {
    const receipt = cardText(await executeOverHttp(url, user, submit.verb, data));
    const reference = /(COI|GIF|SEC|KOH)-\d{4}-\d{6}/.exec(receipt)?.[0];
    if (!reference) throw new Error(`no reference on the receipt: ${receipt.slice(0, 300)}`);
    return reference;
  };
}
