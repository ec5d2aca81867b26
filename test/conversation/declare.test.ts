import { strict as assert } from 'node:assert';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import sinon from 'sinon';
import { FORM_IDS } from '../../src/core/declarations/form-definition';
import { publishedSchemas } from '../../src/core/declarations/payload';
import { testConfig } from '../support/config';
import {
  cardText,
  createConversationHarness,
  firstCard,
  type ConversationHarness,
} from '../support/conversation';
import { STAFF_A, STAFF_B } from '../support/users';
import { inputsOf, positiveAction } from '../http/declare-generic-client';
import {
  advanceTo,
  complete,
  count,
  exec,
  firstStep,
  inputIds,
  openDb,
  pressPositive,
  pressTitled,
  stepTitle,
  type Card,
} from './declare-support';

const PREFIX: Record<string, string> = {
  'conflict-of-interest': 'COI',
  'gift-hospitality': 'GIF',
  'secondary-employment': 'SEC',
  'koha-given': 'KOH',
};

function errorsOn(card: Card): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && o.color === 'Attention' && typeof o.text === 'string')
      out.push(o.text);
    Object.values(o).forEach(walk);
  };
  walk(card.body);
  return out;
}

function inputNode(card: Card, id: string): Record<string, unknown> {
  const found = inputsOf(card).find((i) => i.id === id);
  if (!found) throw new Error(`no input ${id}`);
  return found.node;
}

describe('declarations: the wizard in a 1:1 chat', () => {
  let h: ConversationHarness;
  beforeEach(() => {
    h = createConversationHarness();
  });
  afterEach(async () => {
    sinon.restore();
    await h.close();
  });

  for (const form of FORM_IDS) {
    it(`completes the ${form} form with a client that only reads the cards`, async () => {
      const privacy = await exec(h, STAFF_A, 'declare.start', { form });
      assert.match(cardText(privacy), /Before you start/);
      const cards = await complete(h, STAFF_A, privacy);
      const confirmations = cards.filter((c) => /Declaration received/.test(cardText(c)));
      assert.ok(confirmations.length >= 1, 'no confirmation');
      const text = cardText(confirmations[0]);
      assert.match(text, new RegExp(`${PREFIX[form]}-\\d{4}-000001`));
      assert.match(text, /What happens next/);
      assert.match(text, /integrity@example\.govt\.nz/);
      const steps = cards.filter((c) => /Step \d of \d/.test(cardText(c)));
      assert.ok(steps.length >= 3 && steps.length <= 14, `${steps.length} step cards`);

      const db = openDb(h);
      const row = db
        .prepare(
          `SELECT v.payload FROM declarations d JOIN declaration_versions v ON v.declaration_id = d.id WHERE d.form = ?`,
        )
        .get(form) as { payload: string };
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      assert.deepEqual(payload.declarant, { id: STAFF_A.aadObjectId, name: STAFF_A.name });
      assert.equal(
        payload.privacyNoticeVersion,
        h.deps.config.agency.declarations.privacyNotice.version,
      );
      assert.equal(payload.schemaId, `${form}@1`);
      const ajv = new Ajv2020({ strict: true });
      addFormats(ajv);
      const validate = ajv.compile(publishedSchemas()[`${form}.v1`] as object);
      assert.ok(validate(payload), JSON.stringify(validate.errors));
      const outbox = db
        .prepare(
          `SELECT event_type, destination_id, ordering_key, payload FROM outbox WHERE subject = ?`,
        )
        .all(payload.reference) as {
        event_type: string;
        destination_id: string;
        ordering_key: string;
        payload: string;
      }[];
      assert.deepEqual(
        outbox.map((o) => [o.event_type, o.destination_id, o.ordering_key]),
        [['nz.govt.integrity.declaration.submitted', 'local-folder', payload.declarationId]],
      );
      const event = JSON.parse(outbox[0]?.payload ?? '{}') as { schemaId: string; data: unknown };
      assert.equal(event.schemaId, `${form}@1`);
      assert.deepEqual(event.data, payload);
      const audit = await h.deps.store.audit.list({
        subjectType: 'declaration',
        subjectId: String(payload.declarationId),
      });
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor]),
        [['declaration.created', STAFF_A.aadObjectId]],
      );
      db.close();
    });
  }

  it('starts from typed requests, and leaves questions to the knowledge feature', async () => {
    const expectations: [string, RegExp][] = [
      ['declare', /Make a declaration/],
      ['make a declaration', /Make a declaration/],
      ['I need to declare a conflict', /Conflict of interest declaration[\s\S]*Before you start/],
      ['declare secondary employment', /Secondary employment[\s\S]*Before you start/],
      [
        'I was given a bottle of wine',
        /Gift, hospitality or koha declaration[\s\S]*Before you start/,
      ],
    ];
    for (const [text, expected] of expectations) {
      assert.match(cardText(firstCard(await h.say(STAFF_A, text))), expected, text);
    }
    // The answer card's "Start a declaration" button: its article id and comment box are not stored.
    const fromAnswer = await exec(h, STAFF_A, 'declare.start', {
      form: 'gift-hospitality',
      articleId: 'gifts-from-suppliers',
      comment: '',
    });
    assert.match(
      cardText(fromAnswer),
      /Gift, hospitality or koha declaration[\s\S]*Before you start/,
    );
    for (const question of [
      'can I keep the wine a supplier gave me?',
      'what is a conflict of interest?',
    ]) {
      const text = cardText(firstCard(await h.say(STAFF_A, question)) ?? {});
      assert.doesNotMatch(text, /Before you start|Make a declaration\n/, question);
    }
  });

  it('takes declarations only in personal chat', async () => {
    const card = await h.execute(
      STAFF_A,
      'declare.start',
      { form: 'gift-hospitality' },
      { conversation: 'channel' },
    );
    assert.match(cardText(card.response?.value), /Declarations are private/);
    const begun = await h.execute(
      STAFF_A,
      'declare.begin',
      { form: 'gift-hospitality' },
      { conversation: 'channel' },
    );
    assert.match(cardText(begun.response?.value), /private/);
    const db = openDb(h);
    assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_drafts'), 0);
    db.close();
  });

  it('every step has labelled inputs, required ones with an error message, and a positive forward action', async () => {
    let card = await firstStep(h, STAFF_A, 'secondary-employment');
    for (let i = 0; i < 8 && inputsOf(card).length > 0; i += 1) {
      for (const input of inputsOf(card)) {
        assert.ok(input.label !== '', `${input.id} has no label`);
        if (input.node.isRequired === true)
          assert.ok(
            typeof input.node.errorMessage === 'string' && input.node.errorMessage !== '',
            input.id,
          );
      }
      const titles = ((card.actions ?? []) as { title: string; style?: string }[]).map(
        (a) => a.title,
      );
      assert.ok(titles.includes('Save draft') && titles.includes('Cancel'), titles.join());
      assert.ok(positiveAction(card), 'no positive action');
      card = await pressPositive(h, STAFF_A, card);
    }
    assert.match(cardText(card), /Declaration received/);
  });

  it('shows errors beside each missing answer and saves nothing', async () => {
    const step = await firstStep(h, STAFF_A, 'gift-hospitality');
    const data = {
      ...((step.actions as { data: object; title: string }[]).find((a) => a.title === 'Next')
        ?.data ?? {}),
    };
    const again = await exec(h, STAFF_A, 'declare.next', {
      ...data,
      roleTitle: '',
      businessUnit: 'Policy',
    });
    assert.equal(stepTitle(again), 'About you');
    assert.ok(errorsOn(again).includes('Please fill this in.'));
    assert.equal(inputNode(again, 'businessUnit').value, 'Policy', 'the typed answer is kept');
    assert.equal(inputNode(again, 'roleTitle').errorMessage, 'Please fill this in.');
    const db = openDb(h);
    assert.deepEqual(db.prepare('SELECT step_id, rev FROM declaration_drafts').get(), {
      step_id: 'about',
      rev: 1,
    });
    db.close();
  });

  it('Back returns to the previous step with its answers', async () => {
    const step1 = await firstStep(h, STAFF_A, 'koha-given');
    const step2 = await pressPositive(h, STAFF_A, step1, { recipient: 'Te Marae o Example' });
    assert.equal(stepTitle(step2), 'The koha');
    const back = await pressTitled(h, STAFF_A, step2, 'Back');
    assert.equal(stepTitle(back), 'The occasion');
    assert.equal(inputNode(back, 'recipient').value, 'Te Marae o Example');
  });

  it('asks the conditional questions that fit the answers', async () => {
    const start = await firstStep(h, STAFF_A, 'gift-hospitality');
    const decision = await advanceTo(h, STAFF_A, start, 'Value and your decision');
    const declined = await pressPositive(h, STAFF_A, decision, {
      status: 'declined',
      giverInLiveProcurement: 'no',
    });
    assert.deepEqual(inputIds(declined), ['declineCommunication', 'otherOffersFromGiver']);
    const back = await pressTitled(h, STAFF_A, declined, 'Back');
    const accepted = await pressPositive(h, STAFF_A, back, {
      status: 'accepted',
      giverInLiveProcurement: 'yes',
    });
    assert.deepEqual(inputIds(accepted), [
      'businessReason',
      'disposal',
      'procurementName',
      'otherOffersFromGiver',
    ]);
    // A nil return skips the questions about an interest.
    const coi = await firstStep(h, STAFF_A, 'conflict-of-interest');
    const kind = await pressPositive(h, STAFF_A, coi);
    const review = await pressPositive(h, STAFF_A, kind, { declarationType: 'nil' });
    assert.equal(stepTitle(review), 'Check your answers');
  });

  it('applies the gift rules: cash is declined, approval over the threshold, a conflict opened for a live procurement', async () => {
    const start = await firstStep(h, STAFF_A, 'gift-hospitality');
    const offer = await pressPositive(h, STAFF_A, start);
    const decision = await pressPositive(h, STAFF_A, offer, { offerType: 'cash' });
    const statuses = (inputNode(decision, 'status').choices as { value: string }[]).map(
      (c) => c.value,
    );
    assert.deepEqual(statuses, ['declined', 'returned']);
    assert.match(cardText(decision), /Cash and cash equivalents .* always declined/);
    const forged = await pressPositive(h, STAFF_A, decision, { status: 'accepted' });
    assert.ok(errorsOn(forged).some((e) => /always declined/.test(e)));

    const back = await pressTitled(h, STAFF_A, decision, 'Back');
    const retry = await pressPositive(h, STAFF_A, back, { offerType: 'hospitality' });
    const details = await pressPositive(h, STAFF_A, retry, {
      status: 'accepted',
      estimatedValue: '250',
      involvedInDecision: 'no',
      giverInLiveProcurement: 'yes',
    });
    assert.match(cardText(details), /more than \$100 need your manager's approval/);
    assert.match(cardText(details), /also open a conflict of interest declaration/);
    const cards = await complete(h, STAFF_A, details);
    const receipt = cards.find((c) => /Declaration received/.test(cardText(c)));
    assert.ok(receipt);
    const coi = cards[cards.indexOf(receipt) + 1];
    assert.ok(coi);
    assert.match(cardText(coi), /Conflict of interest declaration/);
    const db = openDb(h);
    const payload = JSON.parse(
      (
        db
          .prepare(
            `SELECT v.payload FROM declaration_versions v JOIN declarations d ON d.id = v.declaration_id WHERE d.form = 'gift-hospitality'`,
          )
          .get() as { payload: string }
      ).payload,
    ) as { policy: Record<string, unknown>; reference: string };
    assert.deepEqual(payload.policy, {
      managerApprovalRequired: true,
      cashOffer: false,
      conflictOfInterestOpened: true,
      repeatOffersFromGiver: 0,
    });
    const coiDraft = db
      .prepare(
        `SELECT answers FROM declaration_drafts WHERE form = 'conflict-of-interest' AND status = 'submitted'`,
      )
      .get() as { answers: string } | undefined;
    assert.ok(coiDraft, 'the conflict of interest draft was opened and then completed');
    db.close();
  });

  it('prefills the conflict of interest opened from a gift', async () => {
    const start = await firstStep(h, STAFF_A, 'gift-hospitality');
    const offer = await pressPositive(h, STAFF_A, start, { roleTitle: 'Analyst' });
    const decision = await pressPositive(h, STAFF_A, offer, { giverOrganisation: 'Acme Widgets' });
    const details = await pressPositive(h, STAFF_A, decision, {
      giverInLiveProcurement: 'yes',
      status: 'declined',
    });
    const review = await pressPositive(h, STAFF_A, details, {
      procurementName: 'Widget tender 2026',
    });
    const receipt = await pressPositive(h, STAFF_A, review);
    const coi = await pressPositive(h, STAFF_A, receipt);
    assert.equal(inputNode(coi, 'roleTitle').value, 'Analyst');
    const interest = await advanceTo(h, STAFF_A, coi, 'The interest');
    assert.equal(inputNode(interest, 'otherParty').value, 'Acme Widgets');
    assert.match(String(inputNode(interest, 'interestDescription').value), /GIF-\d{4}-000001/);
  });

  it('flags repeated offers from the same giver', async () => {
    for (let i = 0; i < 2; i += 1) {
      const start = await firstStep(h, STAFF_A, 'gift-hospitality');
      const offer = await pressPositive(h, STAFF_A, start);
      const decision = await pressPositive(h, STAFF_A, offer, { giverOrganisation: 'Acme Ltd' });
      const rest = await pressPositive(h, STAFF_A, decision, {
        involvedInDecision: 'no',
        giverInLiveProcurement: 'no',
      });
      const review = await advanceTo(h, STAFF_A, rest, 'Check your answers');
      if (i === 1) assert.match(cardText(review), /1 other offer from this giver/);
      await pressPositive(h, STAFF_A, review);
    }
  });

  it('keeps a saved draft across a restart and offers to resume or discard it', async () => {
    const config = testConfig();
    const first = createConversationHarness({ config });
    const step1 = await firstStep(first, STAFF_A, 'gift-hospitality');
    const step2 = await pressPositive(first, STAFF_A, step1, { roleTitle: 'Advisor' });
    const saved = await pressTitled(first, STAFF_A, step2, 'Save draft');
    assert.match(cardText(saved), /Draft saved/);
    await first.close();

    const second = createConversationHarness({ config });
    try {
      const offer = firstCard(await second.say(STAFF_A, 'I was given a bottle of wine'));
      assert.match(cardText(offer), /You have an unfinished gift declaration/);
      const resumed = await pressPositive(second, STAFF_A, offer as Card);
      assert.equal(stepTitle(resumed), 'The offer');
      const back = await pressTitled(second, STAFF_A, resumed, 'Back');
      assert.equal(inputNode(back, 'roleTitle').value, 'Advisor');
      const again = await exec(second, STAFF_A, 'declare.start', { form: 'gift-hospitality' });
      const discarded = await pressTitled(second, STAFF_A, again, 'Discard');
      assert.match(cardText(discarded), /Before you start/);
      const db = openDb(second);
      assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_drafts'), 0);
      db.close();
    } finally {
      await second.close();
    }
  });

  it('allows one active draft per form', async () => {
    await firstStep(h, STAFF_A, 'gift-hospitality');
    const again = await exec(h, STAFF_A, 'declare.begin', { form: 'gift-hospitality' });
    assert.match(cardText(again), /unfinished gift declaration/);
    await firstStep(h, STAFF_A, 'koha-given');
    const db = openDb(h);
    assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_drafts'), 2);
    db.close();
  });

  it('expires drafts after the configured number of days', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const timed = createConversationHarness({ clock: () => now });
    try {
      const step1 = await firstStep(timed, STAFF_A, 'koha-given');
      const saved = await pressTitled(timed, STAFF_A, step1, 'Save draft');
      now = new Date(now.getTime() + 31 * 24 * 60 * 60 * 1000);
      const resumed = await pressPositive(timed, STAFF_A, saved);
      assert.match(cardText(resumed), /This draft has expired/);
      const fresh = await exec(timed, STAFF_A, 'declare.start', { form: 'koha-given' });
      assert.match(cardText(fresh), /Before you start/);
    } finally {
      await timed.close();
    }
  });

  it('stores one declaration for a double click or a redelivered submit', async () => {
    const start = await firstStep(h, STAFF_A, 'koha-given');
    const review = await advanceTo(h, STAFF_A, start, 'Check your answers');
    const first = await pressPositive(h, STAFF_A, review);
    const second = await pressPositive(h, STAFF_A, review);
    assert.match(cardText(first), /Declaration received/);
    assert.match(cardText(second), /Already submitted/);
    assert.match(cardText(second), /KOH-\d{4}-000001/);
    const stale = await pressTitled(h, STAFF_A, start, 'Next');
    assert.match(cardText(stale), /already submitted, reference KOH-\d{4}-000001/);
    const db = openDb(h);
    assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_versions'), 1);
    assert.equal(count(db, 'SELECT COUNT(*) n FROM outbox'), 1);
    db.close();
  });

  it('stores one declaration when two submits race', async () => {
    const start = await firstStep(h, STAFF_A, 'koha-given');
    const review = await advanceTo(h, STAFF_A, start, 'Check your answers');
    const data = actionData(review);
    const actor = { id: STAFF_A.aadObjectId, name: STAFF_A.name };
    const [a, b] = await Promise.all([
      h.deps.declarations.act(actor, 'submit', data.draftId, data.rev, { attestation: 'true' }),
      h.deps.declarations.act(actor, 'submit', data.draftId, data.rev, { attestation: 'true' }),
    ]);
    const kinds = [a.kind, b.kind].sort();
    assert.ok(kinds.includes('submitted'), kinds.join());
    const db = openDb(h);
    assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_versions'), 1);
    db.close();
  });

  it('answers an old step card with the current step, changing nothing', async () => {
    const step1 = await firstStep(h, STAFF_A, 'koha-given');
    const step2 = await pressPositive(h, STAFF_A, step1);
    const stale = await pressPositive(h, STAFF_A, step1);
    assert.match(cardText(stale), /out of date/);
    assert.equal(stepTitle(stale), stepTitle(step2));
  });

  describe('refuses forged and malformed payloads, storing nothing', () => {
    const cases: [string, (data: Record<string, unknown>) => Record<string, unknown>][] = [
      ['an unknown field', (d) => ({ ...d, isAdmin: 'true' })],
      ['a field from another step', (d) => ({ ...d, estimatedValue: '5' })],
      [
        'a prototype key',
        (d) => ({ ...(JSON.parse('{"__proto__": {"polluted": "yes"}}') as object), ...d }),
      ],
      ['a constructor key', (d) => ({ ...d, constructor: 'x' })],
      ['a wrong type', (d) => ({ ...d, roleTitle: 42 })],
      ['an over-long string', (d) => ({ ...d, roleTitle: 'x'.repeat(5000) })],
      ['a nested object', (d) => ({ ...d, businessUnit: { $gt: '' } })],
    ];
    for (const [name, forge] of cases) {
      it(name, async () => {
        const step = await firstStep(h, STAFF_A, 'gift-hospitality');
        const data = forge(pressData(step));
        const card = await exec(h, STAFF_A, 'declare.next', data);
        assert.equal(stepTitle(card), 'About you');
        assert.ok(/didn't expect|need another look/.test(cardText(card)), cardText(card));
        const db = openDb(h);
        assert.deepEqual(db.prepare('SELECT step_id, rev, answers FROM declaration_drafts').get(), {
          step_id: 'about',
          rev: 1,
          answers: '{}',
        });
        db.close();
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.ok(h.logs.lines().some((l) => l.event === 'payload_rejected'));
      });
    }

    it('a payload naming another user: refused and logged as an identity mismatch', async () => {
      const step = await firstStep(h, STAFF_A, 'gift-hospitality');
      for (const key of ['userId', 'declarantId', 'aadObjectId']) {
        const card = await exec(h, STAFF_A, 'declare.next', {
          ...pressData(step),
          [key]: STAFF_B.aadObjectId,
        });
        assert.match(cardText(card), /always made as yourself/);
      }
      assert.equal(h.logs.lines().filter((l) => l.event === 'identity_mismatch').length, 3);
      const db = openDb(h);
      assert.deepEqual(db.prepare('SELECT rev FROM declaration_drafts').get(), { rev: 1 });
      db.close();
    });

    it('malformed envelopes and unknown verbs data', async () => {
      for (const data of [
        { draftId: 'not-a-uuid', rev: 1 },
        { rev: 1 },
        { form: 'no-such-form' },
      ]) {
        const card = await exec(h, STAFF_A, 'declare.next', data);
        assert.match(cardText(card), /couldn't be accepted/);
      }
      const badForm = await exec(h, STAFF_A, 'declare.start', { form: 'tax-return' });
      assert.match(cardText(badForm), /couldn't be accepted/);
      const proto = JSON.parse('{"__proto__": {"x": 1}, "form": "gift-hospitality"}') as object;
      for (const verb of ['declare.start', 'declare.begin']) {
        assert.match(cardText(await exec(h, STAFF_A, verb, { ...proto })), /couldn't be accepted/);
      }
      const db = openDb(h);
      assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_drafts'), 0);
      db.close();
    });
  });

  it("refuses another user's draft and logs it", async () => {
    const step = await firstStep(h, STAFF_A, 'koha-given');
    const card = await exec(h, STAFF_B, 'declare.next', pressData(step));
    assert.match(cardText(card), /isn't available/);
    const resume = await exec(h, STAFF_B, 'declare.resume', { draftId: pressData(step).draftId });
    assert.match(cardText(resume), /isn't available/);
    assert.equal(h.logs.lines().filter((l) => l.event === 'authorisation_refused').length, 2);
    const db = openDb(h);
    assert.deepEqual(db.prepare('SELECT user_id, rev FROM declaration_drafts').get(), {
      user_id: STAFF_A.aadObjectId,
      rev: 1,
    });
    db.close();
  });

  it('keeps the draft and asks the user to try again when the store fails', async () => {
    const start = await firstStep(h, STAFF_A, 'koha-given');
    const review = await advanceTo(h, STAFF_A, start, 'Check your answers');
    const stub = sinon
      .stub(h.deps.store.declarations, 'submitDraft')
      .rejects(new Error('SQLITE_BUSY'));
    const failed = await pressPositive(h, STAFF_A, review);
    assert.match(cardText(failed), /couldn't save that just now/);
    assert.equal(stepTitle(failed), 'Check your answers');
    assert.ok(h.logs.lines().some((l) => l.msg === 'declaration store failed; draft kept'));
    stub.restore();
    const db = openDb(h);
    assert.equal(count(db, `SELECT COUNT(*) n FROM declaration_drafts WHERE status = 'active'`), 1);
    assert.equal(count(db, 'SELECT COUNT(*) n FROM declarations'), 0);
    db.close();
    const retried = await pressPositive(h, STAFF_A, failed);
    assert.match(cardText(retried), /Declaration received/);
  });

  it("hides optional fields and relabels questions from the agency's config", async () => {
    const custom = createConversationHarness({
      config: testConfig({
        agency: {
          declarations: {
            forms: {
              'gift-hospitality': {
                hiddenFields: ['employeeId', 'otherOffersFromGiver'],
                labels: { giverName: 'Who offered it?' },
              },
            },
            liveProcurements: { mode: 'list', items: [{ id: 'p1', name: 'Widget tender 2026' }] },
          },
        } as never,
      }),
    });
    try {
      const step1 = await firstStep(custom, STAFF_A, 'gift-hospitality');
      assert.deepEqual(inputIds(step1), ['roleTitle', 'businessUnit', 'managerName']);
      const offer = await pressPositive(custom, STAFF_A, step1);
      assert.equal(inputNode(offer, 'giverName').label, 'Who offered it?');
      const decision = await pressPositive(custom, STAFF_A, offer);
      const details = await pressPositive(custom, STAFF_A, decision, {
        giverInLiveProcurement: 'yes',
      });
      const procurement = inputNode(details, 'procurementName');
      assert.equal(procurement.type, 'Input.ChoiceSet');
      assert.deepEqual(procurement.choices, [
        { title: 'Widget tender 2026', value: 'Widget tender 2026' },
      ]);
      assert.ok(!inputIds(details).includes('otherOffersFromGiver'));
      const cards = await complete(custom, STAFF_A, details);
      assert.ok(cards.some((c) => /Declaration received/.test(cardText(c))));
    } finally {
      await custom.close();
    }
  });

  it('never logs what was declared', async () => {
    const canary = 'CANARY-PII-7f3a';
    const start = await firstStep(h, STAFF_A, 'gift-hospitality');
    const offer = await pressPositive(h, STAFF_A, start, { roleTitle: canary });
    const cards = await complete(h, STAFF_A, offer);
    assert.ok(cards.some((c) => /Declaration received/.test(cardText(c))));
    assert.ok(!h.logs.raw().includes(canary));
    assert.ok(!h.logs.raw().includes(STAFF_A.name));
  });
});

function pressData(card: Card): Record<string, unknown> {
  const action = positiveAction(card);
  if (!action) throw new Error('no positive action');
  return { ...action.data };
}

function actionData(card: Card): { draftId: string; rev: number } {
  const data = pressData(card);
  return { draftId: String(data.draftId), rev: Number(data.rev) };
}
