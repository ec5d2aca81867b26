import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';
import { makeEvent, newWebhookSecret } from '../../support/forwarding';
import { spawnTs, writeAgencyConfig, type ChildHandle } from '../../support/processes';
import { startWebhookReceiver } from '../../support/webhook-receiver';

describe('many writers, several workers', function () {
  this.timeout(90_000);

  it('200 concurrent submissions from several processes lose nothing; three worker processes send each once', async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver({ secrets: [secret] });
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const env = {
      AGENCY_CONFIG: writeAgencyConfig(dir, {
        destinations: [
          { id: 'hr-system', type: 'webhook', url: receiver.url, secretEnv: 'HR_WEBHOOK_SECRET' },
          {
            id: 'register',
            type: 'webhook',
            url: receiver.url.replace('/hooks', '/register'),
            secretEnv: 'HR_WEBHOOK_SECRET',
          },
        ],
        routes: [{ forms: ['*'], to: ['hr-system', 'register'] }],
        worker: { pollInterval: '50ms', batchSize: 20 },
      }),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      HR_WEBHOOK_SECRET: secret,
    };
    const store = openSqliteStore({ dataDir }); // migrates before the children start
    const workers: ChildHandle[] = [];
    try {
      for (let i = 0; i < 3; i += 1) workers.push(spawnTs('src/worker.ts', env));
      await Promise.all(
        workers.map((w) => w.waitForLine((l) => l.msg === 'delivery worker started')),
      );

      // Four other processes and this one write at the same moment: 40 events each.
      const writers = Array.from({ length: 4 }, () =>
        spawnTs('test/support/outbox-enqueuer.ts', {}, [dataDir, '40', 'hr-system', 'register']),
      );
      const local = Array.from({ length: 40 }, () => makeEvent());
      await Promise.all(
        local.map((event) => store.outbox.enqueue(event, ['hr-system', 'register'])),
      );
      const codes = await Promise.all(writers.map((w) => w.exited()));
      assert.deepEqual(codes, [0, 0, 0, 0]);
      const queued = [
        ...local.map((e) => e.id),
        ...writers.flatMap((w) => (JSON.parse(w.stdout().trim()) as { queued: string[] }).queued),
      ];
      assert.equal(new Set(queued).size, 200);

      await receiver.waitFor(200, 60_000);
      const counts = async () => store.outbox.counts();
      for (let i = 0; i < 200 && (await counts()).delivered < 400; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(await counts(), {
        pending: 0,
        delivering: 0,
        delivered: 400,
        retrying: 0,
        dead: 0,
      });
      // Each event reached each destination exactly once (no crashes here, so no redeliveries).
      for (const path of ['/hooks', '/register']) {
        const ids = receiver.requests.filter((r) => r.path === path).map((r) => r.webhookId ?? '');
        assert.deepEqual([...ids].sort(), [...queued].sort(), path);
      }
      await Promise.all(workers.map((w) => w.stop()));
      const perWorker = workers.map((w) => w.lines().filter((l) => l.msg === 'forwarded').length);
      assert.equal(
        perWorker.reduce((a, b) => a + b, 0),
        400,
        `deliveries per worker: ${perWorker.join(', ')}`,
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await receiver.close();
      await store.close();
    }
  });
});
