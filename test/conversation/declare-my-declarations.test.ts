import { strict as assert } from 'node:assert';
import {
  cardText,
  createConversationHarness,
  firstCard,
  type ConversationHarness,
} from '../support/conversation';
import { STAFF_A, STAFF_B } from '../support/users';
import { inputsOf } from '../http/declare-generic-client';
import {
  advanceTo,
  complete,
  count,
  exec,
  firstStep,
  openDb,
  pressPositive,
  pressTitled,
  type Card,
} from './declare-support';

async function declareKoha(
  h: ConversationHarness,
  recipient = 'Te Marae o Example',
): Promise<Card> {
  const start = await firstStep(h, STAFF_A, 'koha-given');
  const cards = await complete(h, STAFF_A, await pressPositive(h, STAFF_A, start, { recipient }));
  const receipt = cards.find((c) => /Declaration received/.test(cardText(c)));
  assert.ok(receipt);
  return receipt;
}

function declarationIdOf(receipt: Card): string {
  const actions = receipt.actions as { title: string; data: { declarationId?: string } }[];
  const id = actions.find((a) => a.title === 'View declaration')?.data.declarationId;
  assert.ok(id);
  return id;
}

describe('declarations: My declarations', () => {
  let h: ConversationHarness;
  beforeEach(() => {
    h = createConversationHarness();
  });
  afterEach(() => h.close());

  it('lists my declarations with form, date, reference and status, and shows one in detail', async () => {
    const receipt = await declareKoha(h);
    const list = firstCard(await h.say(STAFF_A, 'my declarations'));
    const text = cardText(list);
    assert.match(text, /Koha given by the agency/);
    assert.match(text, /KOH-\d{4}-000001 · version 1 · \d{1,2} \w+ \d{4}/);
    assert.match(text, /Submitted/);
    const detail = await exec(h, STAFF_A, 'mydecl.show', {
      declarationId: declarationIdOf(receipt),
    });
    assert.match(cardText(detail), /Te Marae o Example/);
    assert.match(cardText(detail), /local-folder\nsending/);
  });

  it('derives the status from the outbox, per destination', async () => {
    const id = declarationIdOf(await declareKoha(h));
    const db = openDb(h);
    const setStatus = (status: string) =>
      db.prepare('UPDATE outbox SET status = ?, attempts = 3').run(status);
    const show = async () => cardText(await exec(h, STAFF_A, 'mydecl.show', { declarationId: id }));
    setStatus('delivered');
    assert.match(await show(), /Forwarded[\s\S]*local-folder\ndelivered/);
    setStatus('retrying');
    assert.match(await show(), /Delivery delayed[\s\S]*local-folder\ndelayed, retrying/);
    setStatus('dead');
    assert.match(await show(), /Delivery delayed[\s\S]*failed, integrity team notified/);
    assert.match(cardText(await exec(h, STAFF_A, 'mydecl.list', {})), /Delivery delayed/);
    db.close();
  });

  it('updates a declaration: version 2 linked to version 1, forwarded again, audited', async () => {
    const id = declarationIdOf(await declareKoha(h));
    const detail = await exec(h, STAFF_A, 'mydecl.show', { declarationId: id });
    const privacy = await pressPositive(h, STAFF_A, detail);
    assert.match(cardText(privacy), /Before you start/);
    const first = await pressPositive(h, STAFF_A, privacy);
    assert.match(cardText(first), /Updating KOH-\d{4}-000001/);
    const recipient = inputsOf(first).find((i) => i.id === 'recipient');
    assert.equal(recipient?.node.value, 'Te Marae o Example', 'the form starts from version 1');
    const review = await advanceTo(
      h,
      STAFF_A,
      await pressPositive(h, STAFF_A, first, { recipient: 'Ngāti Example' }),
      'Check your answers',
    );
    const receipt = await pressPositive(h, STAFF_A, review);
    assert.match(cardText(receipt), /Update received[\s\S]*KOH-\d{4}-000001[\s\S]*Version\n2/);

    const db = openDb(h);
    const versions = db
      .prepare('SELECT id, version, payload FROM declaration_versions ORDER BY version')
      .all() as { id: string; version: number; payload: string }[];
    assert.deepEqual(
      versions.map((v) => v.version),
      [1, 2],
    );
    const v2 = JSON.parse(versions[1]?.payload ?? '{}') as Record<string, unknown>;
    assert.equal(v2.previousVersionId, versions[0]?.id);
    assert.equal(v2.declarationId, id);
    assert.equal((v2.answers as Record<string, unknown>).recipient, 'Ngāti Example');
    const events = db.prepare('SELECT event_type, ordering_key FROM outbox ORDER BY seq').all() as {
      event_type: string;
      ordering_key: string;
    }[];
    assert.deepEqual(
      events.map((e) => e.event_type),
      ['nz.govt.integrity.declaration.submitted', 'nz.govt.integrity.declaration.updated'],
    );
    assert.ok(events.every((e) => e.ordering_key === id));
    db.close();
    const audit = await h.deps.store.audit.list({ subjectType: 'declaration', subjectId: id });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['declaration.created', 'declaration.updated'],
    );
    const detail2 = cardText(await exec(h, STAFF_A, 'mydecl.show', { declarationId: id }));
    assert.match(detail2, /Version 1\nSubmitted[\s\S]*Version 2\nUpdated/);
  });

  it('withdraws with a reason: recorded, forwarded, audited, never deleted', async () => {
    const id = declarationIdOf(await declareKoha(h));
    const detail = await exec(h, STAFF_A, 'mydecl.show', { declarationId: id });
    const ask = await pressTitled(h, STAFF_A, detail, 'Withdraw');
    const empty = await exec(h, STAFF_A, 'mydecl.withdraw.confirm', {
      declarationId: id,
      withdrawReason: '',
    });
    assert.match(cardText(empty), /Please give a reason/);
    const done = await pressPositive(h, STAFF_A, ask, {
      withdrawReason: 'Declared twice by mistake',
    });
    assert.match(cardText(done), /Withdrawn\. Your reason was recorded/);
    assert.match(cardText(done), /Withdrawn: Declared twice by mistake/);
    assert.ok(!((done.actions ?? []) as { title: string }[]).some((a) => a.title === 'Update'));
    const again = await pressPositive(h, STAFF_A, ask, { withdrawReason: 'again' });
    assert.match(cardText(again), /already withdrawn/);
    const db = openDb(h);
    assert.equal(
      count(
        db,
        `SELECT COUNT(*) n FROM declarations WHERE status = 'withdrawn' AND withdraw_reason = 'Declared twice by mistake'`,
      ),
      1,
    );
    assert.equal(count(db, 'SELECT COUNT(*) n FROM declaration_versions'), 1);
    const withdrawn = db
      .prepare(`SELECT payload FROM outbox WHERE event_type LIKE '%withdrawn'`)
      .all() as { payload: string }[];
    assert.equal(withdrawn.length, 1);
    const event = JSON.parse(withdrawn[0]?.payload ?? '{}') as {
      schemaId: string;
      data: Record<string, unknown>;
    };
    assert.equal(event.schemaId, 'declaration-withdrawn@1');
    assert.equal(event.data.reason, 'Declared twice by mistake');
    db.close();
    const audit = await h.deps.store.audit.list({ subjectType: 'declaration', subjectId: id });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['declaration.created', 'declaration.withdrawn'],
    );
    assert.match(cardText(firstCard(await h.say(STAFF_A, 'my declarations'))), /Withdrawn/);
    const update = await exec(h, STAFF_A, 'mydecl.update', { declarationId: id });
    assert.match(cardText(update), /was withdrawn/);
  });

  it("another user can neither see nor change someone's declaration", async () => {
    const id = declarationIdOf(await declareKoha(h));
    assert.match(
      cardText(firstCard(await h.say(STAFF_B, 'my declarations'))),
      /haven't made any declarations/,
    );
    for (const [verb, data] of [
      ['mydecl.show', { declarationId: id }],
      ['mydecl.update', { declarationId: id }],
      ['mydecl.withdraw', { declarationId: id }],
      ['mydecl.withdraw.confirm', { declarationId: id, withdrawReason: 'not mine' }],
      ['declare.begin', { form: 'koha-given', updateOf: id }],
    ] as const) {
      const card = await exec(h, STAFF_B, verb, data);
      assert.match(cardText(card), /isn't available/, verb);
      assert.doesNotMatch(cardText(card), /Te Marae/);
    }
    assert.equal(h.logs.lines().filter((l) => l.event === 'authorisation_refused').length, 5);
    const db = openDb(h);
    assert.equal(count(db, `SELECT COUNT(*) n FROM declarations WHERE status = 'submitted'`), 1);
    assert.equal(
      count(db, 'SELECT COUNT(*) n FROM declaration_drafts WHERE user_id = ?', STAFF_B.aadObjectId),
      0,
    );
    db.close();
  });

  it('refuses forged withdraw payloads', async () => {
    const id = declarationIdOf(await declareKoha(h));
    const forged = await exec(h, STAFF_A, 'mydecl.withdraw.confirm', {
      declarationId: id,
      withdrawReason: 'x',
      status: 'deleted',
    });
    assert.match(cardText(forged), /didn't expect/);
    const long = await exec(h, STAFF_A, 'mydecl.withdraw.confirm', {
      declarationId: id,
      withdrawReason: 'x'.repeat(600),
    });
    assert.match(cardText(long), /500 characters or fewer/);
    const other = await exec(h, STAFF_A, 'mydecl.withdraw.confirm', {
      declarationId: id,
      withdrawReason: 'x',
      userId: STAFF_B.aadObjectId,
    });
    assert.match(cardText(other), /always made as yourself/);
    const db = openDb(h);
    assert.equal(count(db, `SELECT COUNT(*) n FROM declarations WHERE status = 'withdrawn'`), 0);
    db.close();
  });
});
