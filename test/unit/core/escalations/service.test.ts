import { strict as assert } from 'node:assert';
import { EscalationsConfigSchema } from '../../../../src/core/escalations/config';
import type { FaqDraft, FaqDraftSink } from '../../../../src/core/escalations/faq-draft';
import {
  createEscalationService,
  type EscalationActor,
  type EscalationService,
} from '../../../../src/core/escalations/service';
import { createWorkingCalendar } from '../../../../src/core/escalations/working-hours';
import type { Store } from '../../../../src/store/port';
import { openSqliteStore } from '../../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../../support/config';

const staffA: EscalationActor = { id: 'staff-a', name: 'Aroha', isAdviser: false };
const staffB: EscalationActor = { id: 'staff-b', name: 'Ben', isAdviser: false };
const adviserA: EscalationActor = { id: 'adviser-a', name: 'Wiremu', isAdviser: true };
const adviserB: EscalationActor = { id: 'adviser-b', name: 'Mere', isAdviser: true };

describe('escalation service: lifecycle and who may do what', () => {
  let store: Store;
  let service: EscalationService;
  let now: Date;
  let drafts: FaqDraft[];

  const ask = async (
    actor = staffA,
    extra: Partial<Parameters<EscalationService['ask']>[1]> = {},
  ) => {
    const outcome = await service.ask(actor, {
      requestId: `req-${Math.random()}`,
      question: 'Can I accept a koha?',
      context: null,
      topic: 'gifts',
      urgency: 'normal',
      anonymous: false,
      articleId: null,
      ...extra,
    });
    assert.ok(outcome.ok);
    return outcome.ticket.ref;
  };

  beforeEach(() => {
    store = openSqliteStore({ dataDir: tempDir() });
    now = new Date('2026-11-22T20:00:00Z');
    drafts = [];
    const sink: FaqDraftSink = {
      write(draft) {
        if (drafts.some((d) => d.id === draft.id)) return Promise.resolve('exists');
        drafts.push(draft);
        return Promise.resolve('written');
      },
    };
    const config = EscalationsConfigSchema.parse({ autoCloseDays: 14, unassignedReminderHours: 4 });
    service = createEscalationService({
      tickets: store.tickets,
      audit: store.audit,
      config,
      calendar: createWorkingCalendar(config),
      drafts: sink,
      clock: () => now,
      draftOwner: 'Integrity team',
    });
  });
  afterEach(() => store.close());

  it('numbers tickets INT-000001, INT-000002 and keeps a double submit to one ticket', async () => {
    assert.equal(await ask(), 'INT-000001');
    const again = await service.ask(staffA, {
      requestId: 'same',
      question: 'q',
      context: null,
      topic: 'gifts',
      urgency: 'normal',
      anonymous: false,
      articleId: null,
    });
    const repeat = await service.ask(staffA, {
      requestId: 'same',
      question: 'q',
      context: null,
      topic: 'gifts',
      urgency: 'normal',
      anonymous: false,
      articleId: null,
    });
    assert.ok(again.ok && repeat.ok);
    assert.equal(again.ticket.ref, 'INT-000002');
    assert.equal(repeat.ticket.ref, 'INT-000002');
    assert.deepEqual(repeat.effects, [], 'no second card for a repeat');
  });

  it('refuses an unknown topic or urgency', async () => {
    const outcome = await service.ask(staffA, {
      requestId: 'r',
      question: 'q',
      context: null,
      topic: 'made-up',
      urgency: 'normal',
      anonymous: false,
      articleId: null,
    });
    assert.deepEqual(outcome, { ok: false, error: 'invalid_input' });
  });

  it('keeps no name for an anonymous ticket, in the ticket, its events or the audit log', async () => {
    const ref = await ask(staffA, { anonymous: true });
    const ticket = await service.get(ref);
    assert.equal(ticket?.askerName, null);
    assert.equal(ticket?.askerId, 'staff-a', 'kept only to deliver the answer');
    await service.answer(adviserA, ref, 'Answer');
    await service.followUp(staffA, ref, 'More');
    const events = await store.tickets.events(ref);
    assert.ok(
      events
        .filter((e) => e.role === 'asker')
        .every((e) => e.actorId === null && e.actorName === null),
    );
    const audit = JSON.stringify(await store.audit.list({ subjectId: ref }));
    assert.ok(!audit.includes('staff-a') && !audit.includes('Aroha'));
    assert.match(audit, /anonymous-asker/);
  });

  it('only advisers act on tickets', async () => {
    const ref = await ask();
    for (const outcome of [
      await service.claim(staffB, ref),
      await service.takeOver(staffB, ref),
      await service.assign(staffB, ref, { id: 'adviser-a', name: 'Wiremu' }),
      await service.requestInfo(staffB, ref, 'x'),
      await service.note(staffB, ref, 'x'),
      await service.answer(staffB, ref, 'x'),
      await service.close(staffB, ref),
      await service.reopen(staffB, ref),
      await service.publishFaq(staffB, ref),
    ]) {
      assert.deepEqual(outcome, { ok: false, error: 'not_adviser' });
    }
    assert.equal(await service.queue(staffA), 'not_adviser');
    assert.equal(await service.stats(staffA), 'not_adviser');
    assert.equal((await service.get(ref))?.state, 'new');
  });

  it('lets an asker act only on their own ticket', async () => {
    const ref = await ask(staffA);
    await service.requestInfo(adviserA, ref, 'When?');
    const refused = await service.provideInfo(staffB, ref, 'hijack');
    assert.equal(refused.ok ? 'ok' : refused.error, 'not_owner');
    assert.equal((await service.view(staffB, ref)).ok, false);
    const own = await service.provideInfo(staffA, ref, 'Yesterday');
    assert.ok(own.ok);
    assert.equal(own.ticket.state, 'assigned');
  });

  it('lets only the assignee answer; a take-over is explicit and recorded', async () => {
    const ref = await ask();
    assert.ok((await service.claim(adviserA, ref)).ok);
    const claimAgain = await service.claim(adviserB, ref);
    assert.equal(claimAgain.ok ? 'ok' : claimAgain.error, 'assigned_to_other');
    const answer = await service.answer(adviserB, ref, 'Mine');
    assert.equal(answer.ok ? 'ok' : answer.error, 'not_assignee');
    const taken = await service.takeOver(adviserB, ref);
    assert.ok(taken.ok);
    assert.equal(taken.ticket.assigneeId, 'adviser-b');
    const events = await store.tickets.events(ref);
    const takeOver = events.find((e) => e.kind === 'taken_over');
    assert.equal(takeOver?.details?.from, 'adviser-a');
    assert.ok((await service.answer(adviserB, ref, 'Now mine')).ok);
  });

  it('claims a new ticket implicitly when an adviser answers it first', async () => {
    const ref = await ask();
    const outcome = await service.answer(adviserA, ref, 'Yes');
    assert.ok(outcome.ok);
    assert.equal(outcome.ticket.assigneeId, 'adviser-a');
    assert.deepEqual(
      (await store.tickets.events(ref)).map((e) => e.kind),
      ['created', 'claimed', 'answered'],
    );
    assert.deepEqual(
      outcome.effects.map((e) => e.kind),
      ['card', 'to_asker'],
    );
  });

  it('refuses actions that no longer apply, and forged references', async () => {
    const ref = await ask();
    await service.answer(adviserA, ref, 'Yes');
    const late = await service.requestInfo(adviserA, ref, 'x');
    assert.equal(late.ok ? 'ok' : late.error, 'invalid_state');
    for (const forged of ['INT-999999', 'INT-1', "INT-000001'--", '../../etc']) {
      const outcome = await service.claim(adviserA, forged);
      assert.equal(outcome.ok ? 'ok' : outcome.error, 'not_found', forged);
    }
  });

  it('returns a follow-up to the same ticket and adviser, and reopens closed tickets', async () => {
    const ref = await ask();
    await service.claim(adviserA, ref);
    await service.answer(adviserA, ref, 'Answer');
    assert.ok((await service.resolve(staffA, ref)).ok);
    assert.equal((await service.get(ref))?.closedBy, 'asker');
    const followUp = await service.followUp(staffA, ref, 'One more thing');
    assert.ok(followUp.ok);
    assert.equal(followUp.ticket.state, 'assigned');
    assert.equal(followUp.ticket.assigneeId, 'adviser-a');
    assert.ok(followUp.effects.some((e) => e.kind === 'to_adviser'));
    await service.close(adviserA, ref);
    const reopened = await service.reopen(adviserA, ref);
    assert.ok(reopened.ok);
    assert.equal(reopened.ticket.state, 'assigned');
  });

  it('writes one FAQ draft from an answered ticket', async () => {
    const ref = await ask(staffA, { articleId: 'gifts-koha' });
    const early = await service.publishFaq(adviserA, ref);
    assert.equal(early.ok ? 'ok' : early.error, 'invalid_state');
    await service.answer(adviserA, ref, 'Yes, if your agency policy allows it. Record it.');
    const published = await service.publishFaq(adviserA, ref);
    assert.ok(published.ok);
    assert.equal(published.ticket.faqDraftId, 'faq-int-000001');
    assert.equal(drafts.length, 1);
    assert.deepEqual(drafts[0]?.frontMatter.related, ['gifts-koha']);
    const again = await service.publishFaq(adviserB, ref);
    assert.equal(again.ok ? 'ok' : again.error, 'already_published');
  });

  it('detects a concurrent change instead of losing it', async () => {
    const ref = await ask();
    const ticket = await service.get(ref);
    assert.ok(ticket);
    await service.claim(adviserA, ref);
    const stale = await store.tickets.change({
      ref,
      expectedVersion: ticket.version,
      patch: { state: 'closed' },
      events: [],
      audit: [],
      at: now,
    });
    assert.deepEqual(stale, { ok: false, error: 'conflict' });
    assert.equal((await service.get(ref))?.state, 'assigned');
  });

  it('lists the queue oldest first, an adviser’s own tickets, and an asker’s own questions', async () => {
    const first = await ask(staffA);
    const second = await ask(staffB);
    const third = await ask(staffA);
    await service.claim(adviserA, second);
    await service.answer(adviserB, third, 'Done');
    const queue = await service.queue(adviserA);
    assert.deepEqual(queue === 'not_adviser' ? [] : queue.map((t) => t.ref), [first, second]);
    assert.deepEqual(
      (await service.myTickets(adviserA)).map((t) => t.ref),
      [second],
    );
    assert.deepEqual(
      (await service.myTickets(staffA)).map((t) => t.ref),
      [third, first],
    );
  });

  it('finds reminders once per period and auto-closes answered tickets after N days', async () => {
    const waiting = await ask();
    const answered = await ask();
    await service.answer(adviserA, answered, 'Done');
    now = new Date('2026-11-23T01:30:00Z'); // 2:30 pm: 5.5 working hours
    const due = await service.remindersDue();
    assert.deepEqual(
      due.map((d) => [d.ticket.ref, d.period]),
      [[waiting, 1]],
    );
    await service.markReminded(due);
    assert.deepEqual(await service.remindersDue(), []);
    now = new Date('2026-12-07T21:00:00Z'); // 15 days later
    const closed = await service.autoClose();
    assert.deepEqual(
      closed.map((t) => t.ref),
      [answered],
    );
    assert.equal((await service.get(answered))?.closedBy, 'system');
    // Weeks unassigned give one reminder, not one per missed period.
    const late = await service.remindersDue();
    assert.equal(late.length, 1);
    assert.ok((late[0]?.period ?? 0) > 2);
  });
});
