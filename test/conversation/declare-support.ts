import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConversationHarness } from '../support/conversation';
import type { TestUser } from '../support/users';
import {
  actionsOf,
  completeCards,
  inputsOf,
  positiveAction,
  press,
} from '../http/declare-generic-client';

export type Card = Record<string, unknown>;

/** A read-write connection to the harness's SQLite file, for assertions and outbox status changes. */
export function openDb(h: ConversationHarness): Database.Database {
  return new Database(join(h.deps.config.env.dataDir, 'integrity.sqlite'));
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

export async function exec(
  h: ConversationHarness,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<Card> {
  const result = await h.execute(user, verb, data);
  if (result.response?.statusCode !== 200)
    throw new Error(`invoke answered ${result.response?.statusCode}`);
  return result.response.value as Card;
}

/** Presses the positive action with every input filled by the generic client. */
export async function pressPositive(
  h: ConversationHarness,
  user: TestUser,
  card: Card,
  overrides: Record<string, string> = {},
): Promise<Card> {
  const action = positiveAction(card);
  if (!action) throw new Error('card has no positive action');
  return exec(h, user, action.verb, { ...press(card, action), ...overrides });
}

/** Presses a named action (Back, Save draft, Cancel...) as Teams would send it. */
export async function pressTitled(
  h: ConversationHarness,
  user: TestUser,
  card: Card,
  title: string,
  overrides: Record<string, unknown> = {},
): Promise<Card> {
  const action = actionsOf(card).find((a) => a.title === title);
  if (!action) throw new Error(`card has no "${title}" action`);
  return exec(h, user, action.verb, { ...press(card, action), ...overrides });
}

/** Opens a form from the answer card's button and accepts the privacy notice: the first step. */
export async function firstStep(
  h: ConversationHarness,
  user: TestUser,
  form: string,
): Promise<Card> {
  const privacy = await exec(h, user, 'declare.start', { form });
  return pressPositive(h, user, privacy);
}

/** Runs the generic client from a card to the end; returns every card. */
export function complete(h: ConversationHarness, user: TestUser, card: Card): Promise<Card[]> {
  return completeCards(card, (verb, data) => exec(h, user, verb, data)) as Promise<Card[]>;
}

/** Presses positive until a card with this step title appears (filling inputs generically). */
export async function advanceTo(
  h: ConversationHarness,
  user: TestUser,
  card: Card,
  title: string,
  overrides: Record<string, string> = {},
): Promise<Card> {
  let current = card;
  for (let i = 0; i < 10; i += 1) {
    if (stepTitle(current) === title) return current;
    current = await pressPositive(h, user, current, overrides);
  }
  throw new Error(`never reached "${title}"`);
}

export function stepTitle(card: Card): string {
  const body = card.body as { text?: string }[] | undefined;
  return body?.[1]?.text ?? '';
}

export function inputIds(card: Card): string[] {
  return inputsOf(card).map((i) => i.id);
}

export function actionData(card: Card, title: string): Record<string, unknown> {
  const actions = (card.actions ?? []) as { title: string; data: Record<string, unknown> }[];
  const found = actions.find((a) => a.title === title);
  if (!found) throw new Error(`no ${title}`);
  return found.data;
}

export const REFERENCE = /\b(COI|GIF|SEC|KOH)-\d{4}-\d{6}\b/;
