import { strict as assert } from 'node:assert';
import { EscalationsConfigSchema } from '../../../../src/core/escalations/config';
import { createWorkingCalendar } from '../../../../src/core/escalations/working-hours';

const HOUR = 60 * 60 * 1000;

/** An instant from a Wellington wall-clock time, written with its UTC offset. */
const nz = (iso: string) => new Date(iso);

describe('working hours (Pacific/Auckland)', () => {
  const calendar = createWorkingCalendar(
    EscalationsConfigSchema.parse({
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2026-12-28', name: 'Boxing Day (observed)' },
      ],
    }),
  );
  const hours = (from: string, to: string) => calendar.workingMsBetween(nz(from), nz(to)) / HOUR;

  it('counts only the working part of a day', () => {
    // Monday 23 November 2026 (NZDT, UTC+13), 8:30 am to 5 pm.
    assert.equal(hours('2026-11-23T07:00:00+13:00', '2026-11-23T20:00:00+13:00'), 8.5);
    assert.equal(hours('2026-11-23T09:00:00+13:00', '2026-11-23T13:00:00+13:00'), 4);
    assert.equal(hours('2026-11-23T16:00:00+13:00', '2026-11-24T10:00:00+13:00'), 2.5);
  });

  it('skips weekends', () => {
    // Friday 4 pm to Monday 10 am: one hour on Friday, 1.5 on Monday.
    assert.equal(hours('2026-11-27T16:00:00+13:00', '2026-11-30T10:00:00+13:00'), 2.5);
    assert.equal(hours('2026-11-28T09:00:00+13:00', '2026-11-29T17:00:00+13:00'), 0);
  });

  it('skips public holidays from the config', () => {
    // Thursday 24 Dec 4 pm → Tuesday 29 Dec 9:30 am: Christmas (Fri) and Boxing Day observed (Mon) skipped.
    assert.equal(hours('2026-12-24T16:00:00+13:00', '2026-12-29T09:30:00+13:00'), 2);
  });

  it('keeps to local time across daylight saving changes', () => {
    // NZDT ends on Sunday 5 April 2026 and starts on Sunday 27 September 2026.
    assert.equal(hours('2026-04-03T08:00:00+13:00', '2026-04-06T17:00:00+12:00'), 17);
    assert.equal(hours('2026-09-25T12:00:00+12:00', '2026-09-28T12:00:00+13:00'), 8.5);
  });

  it('is zero when the end is not after the start, and gives the local date', () => {
    assert.equal(hours('2026-11-23T12:00:00+13:00', '2026-11-23T11:00:00+13:00'), 0);
    assert.equal(calendar.localDate(nz('2026-11-23T23:30:00+13:00')), '2026-11-23');
    assert.equal(calendar.localDate(new Date('2026-11-23T11:30:00Z')), '2026-11-24');
  });
});

describe('escalations config', () => {
  it('has working defaults and rejects mistakes with their paths', () => {
    const defaults = EscalationsConfigSchema.parse({});
    assert.equal(defaults.timeZone, 'Pacific/Auckland');
    assert.equal(defaults.unassignedReminderHours, 4);
    assert.ok(defaults.topics.some((t) => t.id === 'other'));
    for (const bad of [
      { timeZone: 'Middle/Earth' },
      { workingHours: { start: '17:00', end: '08:30' } },
      { holidays: [{ date: '2026-02-30', name: 'Not a day' }] },
      {
        topics: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'Again' },
        ],
      },
      { urgencies: [] },
    ]) {
      assert.equal(EscalationsConfigSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
