import { strict as assert } from 'node:assert';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { ETagConflictError, type Store } from '../../../src/store/port';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';

describe('SQLite store', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openSqliteStore({ dataDir: dir });
  });
  afterEach(() => store.close());

  describe('state (eTag optimistic concurrency)', () => {
    it('round-trips values and issues a new eTag on each write', async () => {
      await store.state.write([{ key: 'k', value: { n: 1 } }]);
      const first = (await store.state.read(['k'])).get('k');
      assert.deepEqual(first?.value, { n: 1 });
      await store.state.write([{ key: 'k', value: { n: 2 }, eTag: first?.eTag ?? '' }]);
      const second = (await store.state.read(['k'])).get('k');
      assert.deepEqual(second?.value, { n: 2 });
      assert.notEqual(second?.eTag, first?.eTag);
    });

    it('refuses a stale eTag and applies none of the batch', async () => {
      await store.state.write([{ key: 'k', value: { n: 1 } }]);
      const stale = (await store.state.read(['k'])).get('k')?.eTag ?? '';
      await store.state.write([{ key: 'k', value: { n: 2 } }]);
      await assert.rejects(
        store.state.write([
          { key: 'other', value: { x: 1 } },
          { key: 'k', value: { n: 3 }, eTag: stale },
        ]),
        ETagConflictError,
      );
      const after = await store.state.read(['k', 'other']);
      assert.deepEqual(after.get('k')?.value, { n: 2 });
      assert.equal(after.has('other'), false);
    });

    it('treats * as overwrite and deletes keys', async () => {
      await store.state.write([{ key: 'k', value: { n: 1 } }]);
      await store.state.write([{ key: 'k', value: { n: 9 }, eTag: '*' }]);
      assert.deepEqual((await store.state.read(['k'])).get('k')?.value, { n: 9 });
      await store.state.delete(['k']);
      assert.equal((await store.state.read(['k'])).size, 0);
    });

    it('survives a restart: state is in the file', async () => {
      await store.state.write([{ key: 'k', value: { kept: true } }]);
      await store.close();
      store = openSqliteStore({ dataDir: dir });
      assert.deepEqual((await store.state.read(['k'])).get('k')?.value, { kept: true });
    });
  });

  describe('audit log', () => {
    it('appends and lists entries by subject', async () => {
      const at = new Date('2026-11-20T01:02:03Z');
      await store.audit.append({
        at,
        actor: 'u1',
        action: 'created',
        subjectType: 'declaration',
        subjectId: 'D1',
      });
      await store.audit.append({
        at,
        actor: 'u1',
        action: 'updated',
        subjectType: 'declaration',
        subjectId: 'D1',
        details: { version: 2 },
      });
      await store.audit.append({
        at,
        actor: 'u2',
        action: 'created',
        subjectType: 'declaration',
        subjectId: 'D2',
      });
      const entries = await store.audit.list({ subjectType: 'declaration', subjectId: 'D1' });
      assert.deepEqual(
        entries.map((e) => e.action),
        ['created', 'updated'],
      );
      assert.deepEqual(entries[1]?.details, { version: 2 });
      assert.equal(entries[0]?.at.toISOString(), at.toISOString());
    });

    it('cannot be altered or deleted, even with direct SQL', async () => {
      await store.audit.append({
        at: new Date(),
        actor: 'u1',
        action: 'created',
        subjectType: 't',
        subjectId: '1',
      });
      const db = new BetterSqlite3(join(dir, 'integrity.sqlite'));
      try {
        assert.throws(() => db.prepare("UPDATE audit_log SET action = 'x'").run(), /append-only/);
        assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
      } finally {
        db.close();
      }
    });
  });

  describe('dedupe', () => {
    it('claims a key once within its lifetime, and again after it expires or is released', async () => {
      const now = new Date('2026-11-20T00:00:00Z');
      assert.equal(await store.dedupe.claim('a', 1000, now), true);
      assert.equal(await store.dedupe.claim('a', 1000, now), false);
      assert.equal(await store.dedupe.claim('a', 1000, new Date(now.getTime() + 1001)), true);
      await store.dedupe.release('a');
      assert.equal(await store.dedupe.claim('a', 1000, now), true);
    });
  });

  it('applies migrations once: reopening an existing file is a no-op', async () => {
    await store.close();
    store = openSqliteStore({ dataDir: dir });
    const db = new BetterSqlite3(join(dir, 'integrity.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT version FROM schema_migrations').all() as {
        version: number;
      }[];
      assert.equal(new Set(rows.map((r) => r.version)).size, rows.length);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('reports readiness, and not-ready once closed', async () => {
    assert.equal(await store.isReady(), true);
    await store.close();
    assert.equal(await store.isReady(), false);
  });
});
