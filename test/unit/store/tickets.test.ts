import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../../src/store/port';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';

describe('SQLite tickets', () => {
  let dir: string;
  let store: Store;
  const at = new Date('2026-11-23T00:00:00Z');
  const newTicket = (requestId: string, anonymous = false) => ({
    requestId,
    askerId: 'staff-a',
    askerName: 'Aroha',
    anonymous,
    question: 'q',
    context: null,
    topic: 'gifts',
    urgency: 'normal',
    articleId: null,
    at,
  });
  const audit = {
    at,
    actor: 'staff-a',
    action: 'ticket.created',
    subjectType: 'ticket',
    subjectId: '',
  };

  beforeEach(() => {
    dir = tempDir();
    store = openSqliteStore({ dataDir: dir });
  });
  afterEach(() => store.close());

  it('writes the ticket, its first event and its audit entry together', async () => {
    const { ticket, created } = await store.tickets.create(newTicket('r1'), audit);
    assert.ok(created);
    assert.equal(ticket.ref, 'INT-000001');
    assert.equal((await store.tickets.events(ticket.ref))[0]?.kind, 'created');
    const entries = await store.audit.list({ subjectId: ticket.ref });
    assert.deepEqual(
      entries.map((e) => e.action),
      ['ticket.created'],
    );
  });

  it('stores no name for an anonymous ticket even if one is passed', async () => {
    const { ticket } = await store.tickets.create(newTicket('r1', true), audit);
    assert.equal(ticket.askerName, null);
    assert.equal(ticket.anonymous, true);
  });

  it('keeps ticket events append-only', async () => {
    const { ticket } = await store.tickets.create(newTicket('r1'), audit);
    await store.close();
    const db = new BetterSqlite3(join(dir, 'integrity.sqlite'));
    try {
      assert.throws(() => db.prepare("UPDATE ticket_events SET text = 'x'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
      assert.equal(
        (
          db
            .prepare('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_ref = ?')
            .get(ticket.ref) as { n: number }
        ).n,
        1,
      );
    } finally {
      db.close();
      store = openSqliteStore({ dataDir: dir });
    }
  });

  it('rolls a change back whole when its audit entry cannot be written', async () => {
    const { ticket } = await store.tickets.create(newTicket('r1'), audit);
    await assert.rejects(
      store.tickets.change({
        ref: ticket.ref,
        expectedVersion: ticket.version,
        patch: { state: 'assigned' },
        events: [{ at, kind: 'claimed', role: 'adviser', actorId: 'a', actorName: 'A' }],
        // A NOT NULL column left empty: the whole transaction fails.
        audit: [{ ...audit, actor: null as unknown as string }],
        at,
      }),
    );
    assert.equal((await store.tickets.get(ticket.ref))?.state, 'new');
    assert.equal((await store.tickets.events(ticket.ref)).length, 1);
  });

  it('stores the advisers channel and 1:1 chats with a stale flag', async () => {
    await store.ticketContacts.registerAdvisersChannel(
      {
        reference: { conversation: { id: '19:c' } },
        channelId: '19:c',
        teamId: null,
        registeredBy: 'a',
      },
      {
        at,
        actor: 'a',
        action: 'escalations.channel_registered',
        subjectType: 'advisers_channel',
        subjectId: '19:c',
      },
    );
    assert.equal(await store.ticketContacts.markAdvisersChannelStale(at), true);
    assert.equal(await store.ticketContacts.markAdvisersChannelStale(at), false, 'only once');
    assert.equal((await store.ticketContacts.advisersChannel())?.stale, true);
    await store.ticketContacts.refreshConversation('u', { a: 1 }, at);
    assert.equal(
      await store.ticketContacts.conversationOf('u'),
      undefined,
      'refresh never creates',
    );
    await store.ticketContacts.saveConversation('u', { a: 1 }, at);
    await store.ticketContacts.markConversationStale('u', at);
    assert.equal((await store.ticketContacts.conversationOf('u'))?.stale, true);
    await store.ticketContacts.refreshConversation('u', { a: 2 }, at);
    assert.deepEqual(await store.ticketContacts.conversationOf('u'), {
      reference: { a: 2 },
      stale: false,
      updatedAt: at,
    });
  });
});
