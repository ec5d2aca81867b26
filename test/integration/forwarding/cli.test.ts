import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runOutboxCli } from '../../../src/cli/outbox';
import type { AppConfig } from '../../../src/config/load-config';
import type { Store } from '../../../src/store/port';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';
import { CANARY, configWithForwarding, FakeClock, makeEvent } from '../../support/forwarding';
import { spawnTs, writeAgencyConfig } from '../../support/processes';

describe('outbox operations CLI', () => {
  let store: Store;
  let config: AppConfig;
  let clock: FakeClock;
  let output: string[];
  const forwarding = {
    destinations: [
      { id: 'hr-system', type: 'file', path: 'unused-a' },
      { id: 'mailbox', type: 'file', path: 'unused-b' },
    ],
    routes: [{ forms: ['*'], to: ['hr-system', 'mailbox'] }],
  };
  const run = async (...argv: string[]) => {
    output = [];
    const code = await runOutboxCli(argv, {
      store,
      config,
      clock: clock.now,
      out: (l) => output.push(l),
    });
    return { code, text: output.join('\n') };
  };

  beforeEach(async () => {
    store = openSqliteStore({ dataDir: tempDir() });
    config = configWithForwarding(forwarding);
    clock = new FakeClock();
    const a = makeEvent({ occurredAt: clock.now() });
    const b = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(a, ['hr-system', 'mailbox']);
    await store.outbox.enqueue(b, ['hr-system', 'mailbox']);
    for (const row of await store.outbox.claimDue({
      now: clock.now(),
      limit: 10,
      leaseMs: 60_000,
      owner: 'w',
    })) {
      if (row.destinationId === 'hr-system' && row.eventId === a.id) {
        await store.outbox.deadLetter(row.id, 'w', {
          at: clock.now(),
          reason: 'http_404',
          httpStatus: 404,
        });
      } else {
        await store.outbox.markDelivered(row.id, 'w', { at: clock.now(), httpStatus: 204 });
      }
    }
  });
  afterEach(() => store.close());

  it('lists rows with counts, filtered by status, without declaration content', async () => {
    const all = await run('list');
    assert.equal(all.code, 0);
    assert.match(all.text, /pending: 0 {2}delivering: 0 {2}delivered: 3 {2}retrying: 0 {2}dead: 1/);
    assert.equal(all.text.split('\n').length, 2 + 4);
    const dead = await run('list', '--status', 'dead');
    assert.equal(dead.text.split('\n').length, 3);
    assert.match(
      dead.text,
      /dead\s+1\s+hr-system\s+submitted\s+GIF-2026-\d+.*dead letter\s+http_404/,
    );
    assert.ok(!all.text.includes(CANARY));
    assert.equal((await run('list', '--status', 'lost')).code, 2);
  });

  it('shows one row; the declaration only with --with-data', async () => {
    const [row] = await store.outbox.list({ status: 'dead' });
    const shown = await run('show', String(row?.id));
    assert.match(shown.text, new RegExp(`event id \\(webhook-id\\)\\s+${row?.eventId}`));
    assert.match(shown.text, /last HTTP status\s+404/);
    assert.ok(!shown.text.includes(CANARY));
    assert.ok((await run('show', String(row?.id), '--with-data')).text.includes(CANARY));
    assert.equal((await run('show', '999')).code, 2);
  });

  it('retries a dead letter, replays a destination, purges delivered events', async () => {
    const [row] = await store.outbox.list({ status: 'dead' });
    assert.match(
      (await run('retry', String(row?.id))).text,
      /queued; it goes out with the same webhook-id/,
    );
    assert.equal((await store.outbox.get(row?.id ?? 0))?.status, 'pending');
    assert.equal((await run('retry', String(row?.id))).code, 2);

    assert.match(
      (await run('replay', '--since', '2026-03-01', '--destination', 'mailbox')).text,
      /^2 event\(s\) queued again for mailbox/,
    );
    assert.equal(
      (await run('replay', '--since', 'yesterday-ish', '--destination', 'mailbox')).code,
      2,
    );
    assert.equal((await run('replay', '--since', '2026-03-01', '--destination', 'nope')).code, 2);

    // Deliver everything again, then purge what is older than 30 days.
    for (const r of await store.outbox.claimDue({
      now: clock.now(),
      limit: 10,
      leaseMs: 60_000,
      owner: 'w',
    })) {
      await store.outbox.markDelivered(r.id, 'w', { at: clock.now() });
    }
    assert.match((await run('purge-delivered', '--older-than', '30')).text, /^0 event\(s\) purged/);
    clock.advance(31 * 86_400_000);
    assert.match((await run('purge-delivered', '--older-than', '30')).text, /^2 event\(s\) purged/);
    assert.equal((await store.outbox.list()).length, 0);
  });

  it('shows destinations and re-enables one disabled by a 410', async () => {
    await store.outbox.disableDestination('hr-system', clock.now(), 'http_410');
    const before = await run('destinations');
    assert.match(
      before.text,
      /hr-system\s+file\s+DISABLED since 2026-03-02T09:00:00.000Z \(http_410\)/,
    );
    assert.match(before.text, /mailbox\s+file\s+enabled/);
    assert.match(before.text, /retry schedule: immediately, 5s, 5m, 30m, 2h, 5h, 10h, 10h/);
    assert.equal((await run('enable-destination', 'hr-system')).code, 0);
    assert.equal((await run('enable-destination', 'hr-system')).code, 1);
  });

  it('prints usage for help or an unknown command', async () => {
    assert.equal((await run('--help')).code, 0);
    assert.match(output.join('\n'), /Usage: npm run outbox/);
    assert.equal((await run('frobnicate')).code, 2);
  });

  it('runs as npm run outbox does, against the configured data folder', async function () {
    this.timeout(30_000);
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const seeded = openSqliteStore({ dataDir });
    await seeded.outbox.enqueue(makeEvent(), ['hr-system']);
    await seeded.close();
    const cli = spawnTs(
      'src/cli/outbox.ts',
      { AGENCY_CONFIG: writeAgencyConfig(dir, forwarding), DATA_DIR: dataDir },
      ['list'],
    );
    assert.equal(await cli.exited(), 0);
    assert.match(cli.stdout(), /pending: 1/);
  });
});
