import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { OutboundEventTypes } from '../../../src/core/forwarding/outbound-event';
import type { Store } from '../../../src/store/port';
import { migrate } from '../../../src/store/sqlite/migrate';
import { migrations } from '../../../src/store/sqlite/migrations/index';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { insertOutboxRows } from '../../../src/store/sqlite/outbox-rows';
import { tempDir } from '../../support/config';
import { FakeClock, makeEvent } from '../../support/forwarding';

describe('outbox store (SQLite)', () => {
  let dataDir: string;
  let store: Store;
  let clock: FakeClock;
  const lease = { limit: 50, leaseMs: 120_000 };

  beforeEach(() => {
    dataDir = tempDir();
    store = openSqliteStore({ dataDir });
    clock = new FakeClock();
  });
  afterEach(() => store.close());

  it("writes outbox rows in the caller's transaction: a failed declaration write leaves none", async () => {
    const db = new BetterSqlite3(join(dataDir, 'integrity.sqlite'));
    migrate(db, migrations);
    db.exec('CREATE TABLE fake_declarations (id TEXT PRIMARY KEY)');
    const committed = makeEvent();
    const rolledBack = makeEvent();
    db.transaction(() => {
      db.prepare('INSERT INTO fake_declarations VALUES (?)').run(committed.subject);
      insertOutboxRows(db, committed, ['hr-system', 'mailbox']);
    }).immediate();
    assert.throws(() =>
      db
        .transaction(() => {
          insertOutboxRows(db, rolledBack, ['hr-system', 'mailbox']);
          db.prepare('INSERT INTO fake_declarations VALUES (?)').run(committed.subject); // duplicate
        })
        .immediate(),
    );
    db.close();
    const rows = await store.outbox.list();
    assert.deepEqual(rows.map((r) => [r.eventId, r.destinationId]).sort(), [
      [committed.id, 'hr-system'],
      [committed.id, 'mailbox'],
    ]);
  });

  it('queues one row per destination, once, however often the same event is enqueued', async () => {
    const event = makeEvent();
    assert.equal(await store.outbox.enqueue(event, ['a', 'b', 'a']), 2);
    assert.equal(await store.outbox.enqueue(event, ['a', 'b', 'c']), 1);
    const rows = await store.outbox.list();
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.status === 'pending' && r.attempts === 0));
    const stored = await store.outbox.get(rows[0]?.id ?? 0);
    assert.deepEqual(stored?.event, event, 'the event comes back exactly as queued');
  });

  it('claims each due row for one owner at a time, across separate connections', async () => {
    const other = openSqliteStore({ dataDir });
    try {
      for (let i = 0; i < 20; i += 1)
        await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['a', 'b']);
      const now = clock.now();
      const claims = await Promise.all(
        [store, other, store, other].map((s, i) =>
          s.outbox.claimDue({ now, ...lease, limit: 15, owner: `w${i}` }),
        ),
      );
      const ids = claims.flat().map((c) => c.id);
      assert.equal(ids.length, 40);
      assert.equal(new Set(ids).size, 40);
      assert.equal((await other.outbox.claimDue({ now, ...lease, owner: 'late' })).length, 0);
    } finally {
      await other.close();
    }
  });

  it('reports per-destination status by reference number or ordering key', async () => {
    const submitted = makeEvent({ occurredAt: clock.now() });
    const withdrawn = makeEvent({
      subject: submitted.subject,
      orderingKey: submitted.orderingKey,
      type: OutboundEventTypes.withdrawn,
      occurredAt: clock.now(),
    });
    await store.outbox.enqueue(submitted, ['hr-system', 'mailbox']);
    await store.outbox.enqueue(withdrawn, ['hr-system', 'mailbox']);
    const [first] = await store.outbox.claimDue({
      now: clock.now(),
      ...lease,
      limit: 1,
      owner: 'w',
    });
    assert.ok(first);
    await store.outbox.markDelivered(first.id, 'w', { at: clock.now(), httpStatus: 204 });
    const bySubject = await store.outbox.statusFor(submitted.subject);
    const byKey = await store.outbox.statusFor(submitted.orderingKey);
    assert.deepEqual(bySubject, byKey);
    assert.deepEqual(
      bySubject.map((s) => [s.eventType.split('.').pop(), s.destinationId, s.status]),
      [
        ['submitted', 'hr-system', 'delivered'],
        ['submitted', 'mailbox', 'pending'],
        ['withdrawn', 'hr-system', 'pending'],
        ['withdrawn', 'mailbox', 'pending'],
      ],
    );
    assert.deepEqual(await store.outbox.statusFor('GIF-0000-nothing'), []);
  });

  it("retry puts a dead letter back in the queue now; replay re-sends a destination's events", async () => {
    const events = [makeEvent({ occurredAt: clock.now() }), makeEvent({ occurredAt: clock.now() })];
    for (const event of events) await store.outbox.enqueue(event, ['hr-system', 'mailbox']);
    const claimed = await store.outbox.claimDue({ now: clock.now(), ...lease, owner: 'w' });
    for (const row of claimed) {
      if (row.destinationId === 'hr-system')
        await store.outbox.deadLetter(row.id, 'w', {
          at: clock.now(),
          reason: 'http_404',
          httpStatus: 404,
        });
      else await store.outbox.markDelivered(row.id, 'w', { at: clock.now() });
    }
    const dead = await store.outbox.list({ status: 'dead' });
    assert.equal(dead.length, 2);
    assert.equal(await store.outbox.retry(dead[0]?.id ?? 0, clock.now()), true);
    assert.equal(await store.outbox.retry(dead[0]?.id ?? 0, clock.now()), false, 'already queued');
    const delivered = await store.outbox.list({ status: 'delivered' });
    assert.equal(await store.outbox.retry(delivered[0]?.id ?? 0, clock.now()), false, 'use replay');

    clock.advance(60_000);
    const replayed = await store.outbox.replay({
      since: new Date(0),
      destinationId: 'mailbox',
      now: clock.now(),
    });
    assert.equal(replayed, 2);
    const again = await store.outbox.claimDue({ now: clock.now(), ...lease, owner: 'w2' });
    assert.deepEqual(
      again.map((r) => [r.destinationId, r.eventId, r.attempts, r.replays]).sort(),
      [
        ['hr-system', dead[0]?.eventId, 1, 1],
        ['mailbox', events[0]?.id, 1, 1],
        ['mailbox', events[1]?.id, 1, 1],
      ].sort(),
    );
    const future = await store.outbox.replay({
      since: new Date('2100-01-01'),
      destinationId: 'mailbox',
      now: clock.now(),
    });
    assert.equal(future, 0);
  });

  it('purges only events every destination confirmed before the cut-off', async () => {
    const done = makeEvent({ occurredAt: clock.now() });
    const half = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(done, ['a', 'b']);
    await store.outbox.enqueue(half, ['a', 'b']);
    const claimed = await store.outbox.claimDue({ now: clock.now(), ...lease, owner: 'w' });
    for (const row of claimed) {
      if (row.eventId === half.id && row.destinationId === 'b') continue;
      await store.outbox.markDelivered(row.id, 'w', { at: clock.now() });
    }
    assert.equal(await store.outbox.purgeDelivered({ olderThan: clock.now() }), 0, 'not older yet');
    clock.advance(31 * 86_400_000);
    assert.equal(
      await store.outbox.purgeDelivered({
        olderThan: new Date(clock.now().getTime() - 30 * 86_400_000),
      }),
      1,
    );
    const left = await store.outbox.list();
    assert.deepEqual([...new Set(left.map((r) => r.eventId))], [half.id]);
    assert.deepEqual(await store.outbox.counts(), {
      pending: 0,
      delivering: 1,
      delivered: 1,
      retrying: 0,
      dead: 0,
    });
  });
});
