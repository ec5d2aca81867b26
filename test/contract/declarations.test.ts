import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod/v4';
import { createCardRenderer, defineCard } from '../../src/cards/render';
import { fieldUi } from '../../src/core/declarations/field-ui';
import { RESERVED_KEYS } from '../../src/core/declarations/form-definition';
import { FORMS } from '../../src/core/declarations/forms/index';
import { WithdrawInputSchema } from '../../src/core/declarations/withdraw';
import { Verbs } from '../../src/bot/verbs';
import { driftedSchemaFiles } from '../../scripts/generate-schemas';
import { cardText, createConversationHarness } from '../support/conversation';
import { STAFF_A } from '../support/users';

const DIR = 'adaptive-cards';
const OWN = readdirSync(DIR).filter(
  (f) => /^(declare-|my-declarations)/.test(f) && f.endsWith('.json') && !f.endsWith('.data.json'),
);

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (node === null || typeof node !== 'object') return;
  visit(node as Node);
  Object.values(node as Node).forEach((n) => walk(n, visit));
}

function template(file: string): Node {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Node;
}

function inputs(card: unknown): Node[] {
  const found: Node[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) found.push(n);
  });
  return found;
}

function executes(card: unknown): Node[] {
  const found: Node[] = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute') found.push(n);
  });
  return found;
}

const INPUT_TYPES: Record<string, string[]> = {
  text: ['Input.Text'],
  multiline: ['Input.Text'],
  date: ['Input.Date'],
  number: ['Input.Number'],
  choice: ['Input.ChoiceSet'],
  multichoice: ['Input.ChoiceSet'],
  toggle: ['Input.Toggle'],
};

describe('declarations contract: templates, schemas and verbs', () => {
  for (const form of Object.values(FORMS)) {
    it(`declare-${form.id}.json: its input ids are exactly the keys of ${form.schemaId}`, () => {
      const card = template(`declare-${form.id}.json`);
      const ids = new Set(inputs(card).map((i) => String(i.id)));
      assert.deepEqual([...ids].sort(), Object.keys(form.shape).sort());
      for (const input of inputs(card)) {
        const key = String(input.id);
        const ui = fieldUi(key, form.shape[key] as z.ZodType);
        const allowed =
          key === 'procurementName' ? ['Input.Text', 'Input.ChoiceSet'] : INPUT_TYPES[ui.kind];
        assert.ok(
          allowed?.includes(String(input.type)),
          `${key}: ${String(input.type)} for a ${ui.kind}`,
        );
        assert.equal(
          input.isMultiSelect === true,
          ui.kind === 'multichoice',
          `${key} multi-select`,
        );
        assert.ok(typeof input.label === 'string' && input.label !== '', `${key} has no label`);
        assert.ok(typeof input.errorMessage === 'string', `${key} has no errorMessage`);
      }
      for (const key of RESERVED_KEYS) assert.ok(!(key in form.shape), key);
    });

    it(`declare-${form.id}.json: forward actions are positive; Back, Save draft and Cancel send no inputs`, () => {
      const actions = executes(template(`declare-${form.id}.json`));
      const byVerb = new Map(actions.map((a) => [String(a.verb), a]));
      for (const verb of [Verbs.declareNext, Verbs.declareSubmit])
        assert.equal(byVerb.get(verb)?.style, 'positive', verb);
      for (const verb of [Verbs.declareBack, Verbs.declareSave, Verbs.declareCancel]) {
        assert.equal(byVerb.get(verb)?.associatedInputs, 'none', verb);
      }
      assert.ok(actions.length <= 6);
    });
  }

  it('my-declarations-withdraw.json: its input ids are exactly the withdraw schema keys', () => {
    const ids = inputs(template('my-declarations-withdraw.json')).map((i) => String(i.id));
    assert.deepEqual(ids.sort(), Object.keys(WithdrawInputSchema.shape).sort());
  });

  it('uses only verbs from verbs.ts, and every declaration verb is used by a card', () => {
    const known = new Set<string>(Object.values(Verbs));
    const used = new Set<string>();
    for (const file of OWN) {
      for (const action of executes(template(file))) {
        assert.ok(known.has(String(action.verb)), `${file}: ${String(action.verb)}`);
        used.add(String(action.verb));
      }
    }
    const ours = Object.values(Verbs).filter((v) => /^(declare|mydecl)\./.test(v));
    assert.deepEqual(
      ours.filter((v) => !used.has(v)),
      [],
    );
  });

  it('every declaration verb has a route (none falls through to the "out of date" card)', async () => {
    const h = createConversationHarness();
    try {
      for (const verb of Object.values(Verbs).filter((v) => /^(declare|mydecl)\./.test(v))) {
        const result = await h.execute(STAFF_A, verb, {});
        assert.equal(result.response?.statusCode, 200, verb);
        assert.doesNotMatch(cardText(result.response?.value), /doesn't work any more/, verb);
      }
    } finally {
      await h.close();
    }
  });

  it('every declaration template renders its sample with at most six actions and the same verbs', () => {
    const renderer = createCardRenderer(DIR);
    assert.ok(OWN.length >= 10);
    for (const file of OWN) {
      const name = file.replace(/\.json$/, '');
      const data = JSON.parse(readFileSync(join(DIR, `${name}.data.json`), 'utf8')) as object;
      const card = renderer.render(defineCard<object>(name), data);
      assert.doesNotMatch(JSON.stringify(card), /\$\{/, name);
      assert.ok(((card.actions as unknown[] | undefined) ?? []).length <= 6, name);
    }
  });

  it('the published JSON Schemas are current (run "npm run schemas" after changing a form)', () => {
    assert.deepEqual(driftedSchemaFiles(), []);
  });
});
