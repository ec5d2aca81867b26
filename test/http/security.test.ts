import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import sinon from 'sinon';
import { BOT, activityFor } from '../support/conversation';
import { testConfig } from '../support/config';
import { postActivity, startTestBot, type TestBot } from '../support/http';
import { channelToken, stubBotFrameworkKeys } from '../support/jwt';
import { FOREIGN_TENANT_ID, STAFF_A, TENANT_ID } from '../support/users';

const APP_ID = '6b1f2f2e-0d6e-4a7a-9a57-6c1f0e1c1a11';
const SERVICE_URL = 'https://smba.example.test/';

const help = (extra: Record<string, unknown> = {}) =>
  activityFor(STAFF_A, { type: 'message', text: 'help', ...extra });

describe('HTTP security', () => {
  describe('production start-up', () => {
    it('exits non-zero naming every missing setting when production has no credentials', () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: 'production',
        DATA_DIR: 'data/never-used',
      };
      for (const key of [
        'BOT_ID',
        'BOT_PASSWORD',
        'BOT_TYPE',
        'BOT_TENANT_ID',
        'ALLOWED_TENANT_IDS',
      ])
        delete env[key];
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 1);
      for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID'])
        assert.match(result.stderr, new RegExp(name));
    });

    it('refuses to bind local (anonymous) mode to a non-loopback address', () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOST: '0.0.0.0',
        DATA_DIR: 'data/never-used',
      };
      for (const key of ['NODE_ENV', 'BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID'])
        delete env[key];
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /HOST: local mode/);
    });
  });

  describe('production mode authentication', () => {
    let bot: TestBot;
    const sandbox = sinon.createSandbox();
    beforeEach(async () => {
      stubBotFrameworkKeys(sandbox);
      const config = testConfig({
        env: {
          BOT_ID: APP_ID,
          BOT_PASSWORD: 'test-password',
          BOT_TYPE: 'SingleTenant',
          BOT_TENANT_ID: TENANT_ID,
          HOST: '127.0.0.1',
        },
      });
      bot = await startTestBot({ config });
    });
    afterEach(async () => {
      await bot.stop();
      sandbox.restore();
    });

    const stateStored = async () =>
      (
        await bot.deps.store.state.read([
          `msteams/${APP_ID}/conversations/a:personal-${STAFF_A.key}`,
        ])
      ).size > 0;

    for (const [label, header] of [
      ['no Authorization header', undefined],
      ['a malformed token', 'Bearer not-a-jwt'],
      [
        'a token signed with an unpublished key',
        () => `Bearer ${channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, forgedKey: true })}`,
      ],
      [
        'a token for another bot',
        () => `Bearer ${channelToken({ appId: 'another-bot', serviceUrl: SERVICE_URL })}`,
      ],
      [
        'an expired token',
        () =>
          `Bearer ${channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, expiresInSeconds: -3600 })}`,
      ],
      [
        'a token from another issuer',
        () =>
          `Bearer ${channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, issuer: 'https://evil.example' })}`,
      ],
    ] as const) {
      it(`answers 401 to ${label}, runs no handler and stores nothing`, async () => {
        const value = typeof header === 'function' ? header() : header;
        const result = await postActivity(
          bot.url,
          help({ serviceUrl: SERVICE_URL }),
          value ? { authorization: value } : {},
        );
        assert.equal(result.status, 401);
        assert.equal(result.activities.length, 0);
        assert.equal(await stateStored(), false);
        assert.ok(bot.logs.lines().some((l) => l.event === 'auth_failed'));
      });
    }

    it('accepts a correctly signed token and answers', async () => {
      const token = channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL });
      const result = await postActivity(bot.url, help({ serviceUrl: SERVICE_URL }), {
        authorization: `Bearer ${token}`,
      });
      assert.equal(result.status, 200);
      assert.equal(result.activities.length, 1);
    });
  });

  describe('local mode request hygiene', () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot();
    });
    afterEach(() => bot.stop());

    it('drops an activity from a foreign tenant or with no tenant: no reply, nothing stored', async () => {
      for (const activity of [
        help({
          conversation: {
            id: 'a:foreign',
            conversationType: 'personal',
            tenantId: FOREIGN_TENANT_ID,
          },
          channelData: { tenant: { id: FOREIGN_TENANT_ID } },
        }),
        help({ conversation: { id: 'a:none', conversationType: 'personal' }, channelData: {} }),
      ]) {
        const result = await postActivity(bot.url, activity);
        assert.equal(result.activities.length, 0);
      }
      const stored = await bot.deps.store.state.read([
        `msteams/${BOT.id}/conversations/a:foreign`,
        `msteams//conversations/a:foreign`,
        `msteams//conversations/a:none`,
      ]);
      assert.equal(stored.size, 0);
      assert.equal(bot.logs.lines().filter((l) => l.event === 'tenant_rejected').length, 2);
    });

    it('refuses a 1 MB body before parsing it', async () => {
      const big = JSON.stringify({ ...help(), text: 'x'.repeat(1024 * 1024) });
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      assert.equal(response.status, 413);
    });

    it('refuses a body that is not JSON', async () => {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'help',
      });
      assert.equal(response.status, 415);
      const broken = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type": "mess',
      });
      assert.equal(broken.status, 400);
      assert.doesNotMatch(await broken.text(), /mess/);
    });

    it('answers 400 to a malformed activity and keeps serving', async () => {
      for (const body of [
        {},
        { type: 'message' },
        { ...help(), from: 'not-an-account' },
        { ...help(), serviceUrl: 'javascript:alert(1)' },
        [],
      ]) {
        const result = await postActivity(bot.url, body as never);
        assert.equal(result.status, 400);
      }
      const ok = await postActivity(bot.url, help());
      assert.equal(ok.status, 200);
      assert.equal(ok.activities.length, 1);
    });

    it('answers help over HTTP with the help card', async () => {
      const result = await postActivity(bot.url, help());
      assert.equal(result.status, 200);
      assert.equal(
        result.activities[0]?.attachments?.[0]?.contentType,
        'application/vnd.microsoft.card.adaptive',
      );
    });

    it('reports liveness and readiness as JSON', async () => {
      const health = await fetch(`${bot.url}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const ready = await fetch(`${bot.url}/readyz`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { status: string; checks: Record<string, boolean> };
      assert.equal(body.status, 'ready');
      assert.equal(body.checks.store, true);
    });
  });
});
