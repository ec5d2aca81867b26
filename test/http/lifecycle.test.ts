import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import sinon from 'sinon';
import { activityFor } from '../support/conversation';
import { tempDir } from '../support/config';
import { postActivity, startTestBot } from '../support/http';
import { STAFF_A } from '../support/users';

async function waitReady(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('not ready in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('server lifecycle', () => {
  it('lets an in-flight turn finish on shutdown, then closes the store', async () => {
    const bot = await startTestBot();
    const read = bot.deps.store.state.read.bind(bot.deps.store.state);
    // A slow store read keeps the turn in flight while shutdown starts.
    const slow = sinon.stub(bot.deps.store.state, 'read').callsFake(async (keys) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return read(keys);
    });
    try {
      const pending = postActivity(
        bot.url,
        activityFor(STAFF_A, { type: 'message', text: 'help' }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopping = bot.stop();
      const result = await pending;
      await stopping;
      assert.equal(result.status, 200);
      assert.equal(result.activities.length, 1);
      assert.equal(await bot.deps.store.isReady(), false);
      await assert.rejects(fetch(`${bot.url}/healthz`));
    } finally {
      slow.restore();
    }
  });

  it('starts in local mode with a banner and exits cleanly on SIGTERM', async () => {
    const port = 38000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: tempDir(),
        LOG_LEVEL: 'warn',
        NODE_ENV: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await waitReady(`http://127.0.0.1:${port}`);
      assert.match(stdout, /LOCAL TESTING MODE/);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
