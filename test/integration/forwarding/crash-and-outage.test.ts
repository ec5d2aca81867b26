import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  OutboundEventTypes,
  type OutboundEvent,
} from '../../../src/core/forwarding/outbound-event';
import { createForwarding } from '../../../src/forwarding/create-forwarding';
import type { Store } from '../../../src/store/port';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';
import {
  configWithForwarding,
  FakeClock,
  makeEvent,
  newWebhookSecret,
} from '../../support/forwarding';
import { prepareDeclaration, sayOverHttp, syntheticUser } from '../../support/declare-over-http';
import { captureLogs } from '../../support/logs';
import { startSmtpServer } from '../../support/smtp';
import { spawnTs, writeAgencyConfig, type ChildHandle } from '../../support/processes';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('crash safety: the bot killed with kill -9', function () {
  this.timeout(90_000);
  let receiver: WebhookReceiver;
  let bot: ChildHandle | undefined;
  let store: Store;

  afterEach(async () => {
    await bot?.kill9();
    await receiver.close();
    await store.close();
  });

  it('every event queued before a kill arrives once per destination after restart, through a receiver outage', async () => {
    const secret = newWebhookSecret();
    receiver = await startWebhookReceiver({ secrets: [secret] });
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const folder = join(dir, 'forwarded');
    const env = {
      AGENCY_CONFIG: writeAgencyConfig(dir, {
        destinations: [
          {
            id: 'hr-system',
            type: 'webhook',
            url: receiver.url,
            secretEnv: 'HR_WEBHOOK_SECRET',
            timeoutMs: 1_000,
          },
          { id: 'local-folder', type: 'file', path: folder },
        ],
        routes: [{ forms: ['*'], to: ['hr-system', 'local-folder'] }],
        // Short real waits: the schedule itself is tested with a fake clock elsewhere.
        retry: { schedule: Array.from({ length: 30 }, () => '500ms'), jitter: 0 },
        worker: { pollInterval: '100ms', lease: '2s' },
      }),
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      HR_WEBHOOK_SECRET: secret,
    };
    const startBot = async () => {
      const handle = spawnTs('src/index.ts', env);
      await handle.waitForLine((l) => l.msg === 'integrity assistant listening');
      return handle;
    };
    bot = await startBot();
    store = openSqliteStore({ dataDir });
    const queued: OutboundEvent[] = [];
    const submit = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        const event = makeEvent();
        queued.push(event);
        await store.outbox.enqueue(event, ['hr-system', 'local-folder']);
      }
    };
    const webhookRows = async () => store.outbox.list({ destinationId: 'hr-system', limit: 1000 });

    // 1. The receiver is down: the bot tries, fails, schedules retries; then it is killed.
    await receiver.down();
    await submit(3);
    await until(
      async () => (await webhookRows()).filter((r) => r.attempts > 0).length === 3,
      'first attempts',
    );
    await bot.kill9();

    // 2. Back up, but it takes requests and never answers; two it even processes first. Killed
    //    again in the middle of those deliveries.
    await receiver.up();
    receiver.acceptThenHangNext(2);
    receiver.hangNext(100);
    bot = await startBot();
    await submit(2);
    await until(
      () => receiver.requests.filter((r) => r.status === 'hung').length >= 5,
      'hung deliveries',
    );
    await bot.kill9();
    const processedBeforeKill = receiver.events.map((e) => e.webhookId);
    assert.equal(processedBeforeKill.length, 2);

    // 3. Restart while the receiver is down again; it comes back a little later.
    await receiver.down();
    receiver.reset();
    bot = await startBot();
    await submit(2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await receiver.up();
    await receiver.waitFor(queued.length, 30_000);
    await until(
      async () => (await webhookRows()).every((r) => r.status === 'delivered'),
      'all delivered',
    );

    // Every event exactly once per webhook-id at the receiver; repeats only of the two it had
    // processed without answering, which it recognised by webhook-id.
    const ids = queued.map((e) => e.id).sort();
    assert.deepEqual(receiver.events.map((e) => e.webhookId).sort(), ids);
    assert.ok(receiver.duplicates.every((id) => processedBeforeKill.includes(id)));
    assert.ok(receiver.events.every((e) => e.event.id === e.webhookId));
    // And one file per event in the folder.
    await until(async () => (await store.outbox.counts()).delivered === queued.length * 2, 'files');
    const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files.map((f) => f.split('.')[2]).sort(), ids);

    assert.equal(await bot.stop(), 0, 'a graceful stop after all that');
    bot = undefined;
  });
});

describe('crash safety of a real submission', function () {
  this.timeout(90_000);

  it('submitted over HTTP, kill -9 before delivery, restart: webhook, email and file each get it once; the email has no content', async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver({ secrets: [secret] });
    const smtp = await startSmtpServer();
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const folder = join(dir, 'forwarded');
    const env = {
      AGENCY_CONFIG: writeAgencyConfig(dir, {
        destinations: [
          {
            id: 'hr-system',
            type: 'webhook',
            url: receiver.url,
            secretEnv: 'HR_WEBHOOK_SECRET',
            timeoutMs: 1_000,
          },
          {
            id: 'integrity-mailbox',
            type: 'email',
            to: ['integrity@example.govt.nz'],
            recordLocation: 'the HR case system',
          },
          { id: 'local-folder', type: 'file', path: folder },
        ],
        routes: [{ forms: ['*'], to: ['hr-system', 'integrity-mailbox', 'local-folder'] }],
        smtp: {
          host: smtp.host,
          port: smtp.port,
          from: 'integrity-bot@example.govt.nz',
          requireTls: false,
          timeoutMs: 5_000,
        },
        retry: { schedule: Array.from({ length: 30 }, () => '500ms'), jitter: 0 },
        worker: { pollInterval: '100ms', lease: '10s' },
      }),
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      HR_WEBHOOK_SECRET: secret,
    };
    let bot: ChildHandle | undefined;
    const store = openSqliteStore({ dataDir });
    try {
      const start = async () => {
        const handle = spawnTs('src/index.ts', env);
        const line = await handle.waitForLine((l) => l.msg === 'integrity assistant listening');
        return { handle, url: String(line.url) };
      };
      await receiver.down();
      let running = await start();
      bot = running.handle;
      const user = syntheticUser();
      const references: string[] = [];
      for (const form of ['koha-given', 'koha-given']) {
        references.push(await (await prepareDeclaration(running.url, user, form))());
      }
      const webhookRows = () => store.outbox.list({ destinationId: 'hr-system' });
      await until(
        async () =>
          (await webhookRows()).every((r) => r.attempts > 0) && (await webhookRows()).length === 2,
        'failed attempts',
      );
      await bot.kill9();

      await receiver.up();
      running = await start();
      bot = running.handle;
      await receiver.waitFor(2, 30_000);
      await until(async () => (await store.outbox.counts()).delivered === 6, 'every destination');

      assert.deepEqual(receiver.events.map((e) => e.event.subject).sort(), [...references].sort());
      assert.equal(new Set(receiver.events.map((e) => e.webhookId)).size, 2);
      assert.equal(readdirSync(folder).filter((f) => f.endsWith('.json')).length, 2);
      assert.equal(smtp.mails.length, 2);

      // What was declared never reaches the mailbox: no value of the forwarded data is in an email,
      // apart from the reference, the form and the schema id, which the notice names on purpose.
      const allowed = new Set([...references, 'koha-given', 'koha-given@1']);
      const values = receiver.events.flatMap((e) =>
        Object.values(e.event.data).filter(
          (v): v is string =>
            typeof v === 'string' &&
            v.length >= 4 &&
            !allowed.has(v) &&
            !/^\d{4}-\d{2}-\d{2}/.test(v),
        ),
      );
      assert.ok(values.length >= 4, `expected declared text values, got ${values.join(', ')}`);
      for (const mail of smtp.mails)
        for (const value of values) assert.ok(!mail.raw.includes(value), value);

      // The submitter sees it arrived.
      assert.match(await sayOverHttp(running.url, user, 'my declarations'), /Forwarded/);
    } finally {
      await bot?.kill9();
      await smtp.close();
      await receiver.close();
      await store.close();
    }
  });
});

describe('a receiver down for a while', () => {
  it('gets everything once it is back, in submission order per declaration', async () => {
    const secret = newWebhookSecret();
    const clock = new FakeClock();
    const receiver = await startWebhookReceiver({ secrets: [secret], nowSeconds: clock.seconds });
    const store = openSqliteStore({ dataDir: tempDir() });
    const config = configWithForwarding(
      {
        destinations: [
          { id: 'hr-system', type: 'webhook', url: receiver.url, secretEnv: 'S', timeoutMs: 2_000 },
        ],
        routes: [{ forms: ['*'], to: ['hr-system'] }],
        worker: { batchSize: 50 },
      },
      { webhooks: { 'hr-system': [secret] } },
    );
    const forwarding = createForwarding({
      config,
      store,
      log: captureLogs().log,
      clock: clock.now,
    });
    try {
      await receiver.down();
      // Ten declarations, each submitted, updated twice and some withdrawn, interleaved over an hour.
      const expected = new Map<string, string[]>();
      for (let round = 0; round < 4; round += 1) {
        for (let d = 0; d < 10; d += 1) {
          if (round === 3 && d % 2 === 0) continue;
          const subject = `COI-2026-${String(d).padStart(6, '0')}`;
          const type = [
            OutboundEventTypes.submitted,
            OutboundEventTypes.updated,
            OutboundEventTypes.updated,
            OutboundEventTypes.withdrawn,
          ][round];
          const event = makeEvent({
            subject,
            orderingKey: `decl-${d}`,
            type,
            occurredAt: clock.now(),
          });
          await store.outbox.enqueue(event, ['hr-system']);
          expected.set(event.orderingKey, [...(expected.get(event.orderingKey) ?? []), event.id]);
          await forwarding.worker.runOnce();
          clock.advance(60_000);
        }
      }
      // Six hours of retries against a dead endpoint.
      for (let minute = 0; minute < 360; minute += 5) {
        clock.advance(5 * 60_000);
        await forwarding.worker.runOnce();
      }
      assert.equal(receiver.events.length, 0);
      const waiting = await store.outbox.list({ limit: 1000 });
      assert.ok(waiting.every((r) => r.status === 'retrying' || r.status === 'pending'));

      await receiver.up();
      for (let hour = 0; hour < 48 && receiver.events.length < 35; hour += 1) {
        clock.advance(3_600_000);
        while ((await forwarding.worker.runOnce()) > 0);
      }
      assert.equal(receiver.events.length, 35);
      assert.equal(receiver.duplicates.length, 0);
      for (const [key, ids] of expected) {
        const arrived = receiver.events
          .filter((e) => ids.includes(e.webhookId))
          .sort((a, b) => a.sequence - b.sequence)
          .map((e) => e.webhookId);
        assert.deepEqual(arrived, ids, `order for ${key}`);
      }
      assert.equal((await store.outbox.counts()).delivered, 35);
    } finally {
      await forwarding.stop();
      await receiver.close();
      await store.close();
    }
  });
});
