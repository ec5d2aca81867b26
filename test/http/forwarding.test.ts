import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testConfig } from '../support/config';
import { makeEvent } from '../support/forwarding';
import { startTestBot } from '../support/http';

describe('forwarding inside the bot process', () => {
  it('the bot runs the delivery worker and stops it gracefully on shutdown', async () => {
    const config = testConfig();
    const bot = await startTestBot({ config });
    let stopped = false;
    try {
      assert.ok(bot.worker, 'RUN_WORKER defaults to true');
      const event = makeEvent();
      await bot.deps.store.outbox.enqueue(event, ['local-folder']);
      bot.worker.wake();
      const folder = join(config.env.dataDir, 'forwarded');
      const file = join(folder, `${event.subject}.submitted.${event.id}.json`);
      for (let i = 0; i < 200 && !existsSync(file); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(readdirSync(folder), [`${event.subject}.submitted.${event.id}.json`]);
      await bot.stop();
      stopped = true;
      const messages = bot.logs.lines().map((l) => l.msg);
      assert.ok(messages.includes('delivery worker started'));
      assert.ok(messages.includes('delivery worker stopped'));
    } finally {
      if (!stopped) await bot.stop();
    }
  });

  it('RUN_WORKER=false leaves delivery to separate worker processes', async () => {
    const bot = await startTestBot({ config: testConfig({ env: { RUN_WORKER: 'false' } }) });
    try {
      assert.equal(bot.worker, undefined);
    } finally {
      await bot.stop();
    }
  });
});
