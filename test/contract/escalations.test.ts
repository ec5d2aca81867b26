import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEscalationFormat, ticketCardData } from '../../src/bot/proactive-escalations';
import { TicketActionSchema } from '../../src/bot/routes/adviser';
import { AskSubmitSchema } from '../../src/bot/routes/escalate';
import { Verbs } from '../../src/bot/verbs';
import { createCardRenderer, defineCard } from '../../src/cards/render';
import { TICKET_STATES, type Ticket, type TicketState } from '../../src/core/escalations/ticket';
import { testConfig } from '../support/config';

const DIR = 'adaptive-cards';
const OURS = /^(ask-adviser|adviser-|ticket)/;
const templates = readdirSync(DIR).filter(
  (f) => OURS.test(f) && f.endsWith('.json') && !f.endsWith('.data.json'),
);

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (node === null || typeof node !== 'object') return;
  visit(node as Json);
  Object.values(node as Json).forEach((v) => walk(v, visit));
}

const verbsIn = (card: unknown) => {
  const verbs: string[] = [];
  walk(card, (o) => {
    if (o.type === 'Action.Execute' && typeof o.verb === 'string') verbs.push(o.verb);
  });
  return verbs;
};
const inputIdsIn = (card: unknown) => {
  const ids: string[] = [];
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
      ids.push(o.id);
  });
  return ids;
};
const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);

function ticketIn(state: TicketState): Ticket {
  return {
    ref: 'INT-000042',
    askerId: '11111111-1111-4111-8111-111111111111',
    askerName: null,
    anonymous: true,
    question: 'q',
    context: null,
    topic: 'gifts',
    urgency: 'normal',
    articleId: null,
    state,
    assigneeId: state === 'new' ? null : 'a',
    assigneeName: state === 'new' ? null : 'Wiremu Adviser',
    infoRequest: null,
    infoReply: null,
    answer: state === 'answered' || state === 'closed' ? 'Answer' : null,
    answeredByName: null,
    followUp: null,
    createdAt: new Date('2026-11-22T20:00:00Z'),
    updatedAt: new Date('2026-11-22T20:00:00Z'),
    unassignedSince: null,
    firstResponseAt: null,
    answeredAt: null,
    closedAt: null,
    closedBy: null,
    reminderPeriod: 0,
    channelMessageId: null,
    faqDraftId: null,
    version: 1,
  };
}

describe('escalations contract: templates, schemas and verbs', () => {
  const renderer = createCardRenderer(DIR);
  const sample = (name: string) =>
    renderer.render(
      defineCard<object>(name),
      JSON.parse(readFileSync(join(DIR, `${name}.data.json`), 'utf8')) as object,
    );

  it('uses only verbs from verbs.ts, and every escalation verb is used by a card', () => {
    const known = new Set<string>(Object.values(Verbs));
    const used = new Set<string>();
    for (const file of templates) {
      // The raw template: actions hidden by `$when` in one state are still part of the card.
      for (const verb of verbsIn(JSON.parse(readFileSync(join(DIR, file), 'utf8')))) {
        assert.ok(known.has(verb), `${file} uses unknown verb ${verb}`);
        used.add(verb);
      }
    }
    const ours = Object.values(Verbs).filter(
      (v) => /^(adviser|ticket)\./.test(v) && v !== Verbs.adviserAsk,
    );
    for (const verb of ours) assert.ok(used.has(verb), `no card uses ${verb}`);
  });

  it('names card inputs exactly as the schemas that parse them', () => {
    const ask = inputIdsIn(sample('ask-adviser'));
    for (const id of ask)
      assert.ok(keysOf(AskSubmitSchema).includes(id), `ask-adviser input ${id}`);
    for (const name of ['ticket', 'adviser-answer', 'adviser-info-request']) {
      for (const id of inputIdsIn(sample(name))) {
        assert.ok(keysOf(TicketActionSchema).includes(id), `${name} input ${id}`);
      }
    }
  });

  it('stays under the card size limit with every text at its maximum, in 4-byte characters', () => {
    const format = createEscalationFormat(testConfig(), () => new Date('2026-11-23T00:00:00Z'));
    const long = (n: number) => '😀'.repeat(n / 2);
    const card = renderer.render(
      defineCard<object>('ticket'),
      ticketCardData(
        {
          ...ticketIn('assigned'),
          question: long(2000),
          context: long(4000),
          infoRequest: long(2000),
          infoReply: long(4000),
          answer: long(8000),
          followUp: long(2000),
        },
        format,
        Array.from({ length: 30 }, (_, i) => ({ id: `adviser-${i}`, name: long(100) })),
      ),
    );
    assert.match(JSON.stringify(card), /shortened here/);
  });

  it('keeps every ticket card state to six actions or fewer, with no asker identity when anonymous', () => {
    const config = testConfig();
    const format = createEscalationFormat(config, () => new Date('2026-11-23T00:00:00Z'));
    for (const state of TICKET_STATES) {
      const ticket = ticketIn(state);
      const card = renderer.render(
        defineCard<object>('ticket'),
        ticketCardData(ticket, format, [{ id: 'a', name: 'Wiremu Adviser' }]),
      );
      const actions = (card.actions as unknown[] | undefined) ?? [];
      assert.ok(actions.length >= 1 && actions.length <= 6, `${state}: ${actions.length} actions`);
      assert.ok(!JSON.stringify(card).includes(ticket.askerId), state);
      assert.match(JSON.stringify(card), /Anonymous/);
    }
  });
});
