import { strict as assert } from 'node:assert';
import { LOCAL_CLIENT_TENANT_ID, parseEnv } from '../../../src/config/env';

const PROD = {
  BOT_ID: 'app-id',
  BOT_PASSWORD: 'secret',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: 'tenant-1',
};

describe('parseEnv', () => {
  it('defaults to local mode on loopback with the local client tenant allowed', () => {
    const result = parseEnv({});
    assert.ok(result.ok);
    assert.equal(result.value.mode, 'local');
    assert.equal(result.value.host, '127.0.0.1');
    assert.equal(result.value.port, 3978);
    assert.deepEqual(result.value.auth, { kind: 'anonymous' });
    assert.deepEqual(result.value.allowedTenantIds, [LOCAL_CLIENT_TENANT_ID]);
  });

  it('refuses a non-loopback host in local mode', () => {
    const result = parseEnv({ HOST: '0.0.0.0' });
    assert.equal(result.ok, false);
  });

  it('switches to production when any credential is present, and names every missing one', () => {
    const result = parseEnv({ BOT_ID: 'app-id' });
    assert.ok(!result.ok);
    const text = result.problems.join('\n');
    assert.match(text, /BOT_TYPE/);
    assert.match(text, /BOT_TENANT_ID/);
    assert.match(text, /BOT_PASSWORD/);
    assert.doesNotMatch(text, /BOT_ID:/);
  });

  it('treats NODE_ENV=production as production even with no credentials', () => {
    const result = parseEnv({ NODE_ENV: 'production' });
    assert.ok(!result.ok);
    assert.equal(result.problems.length >= 4, true);
  });

  it('accepts a complete single-tenant configuration and allow-lists its tenant', () => {
    const result = parseEnv(PROD);
    assert.ok(result.ok);
    assert.equal(result.value.mode, 'production');
    assert.deepEqual(result.value.auth, {
      kind: 'SingleTenant',
      appId: 'app-id',
      password: 'secret',
      tenantId: 'tenant-1',
    });
    assert.deepEqual(result.value.allowedTenantIds, ['tenant-1']);
  });

  it('accepts managed identity without a password and forbids one with it', () => {
    const msi = parseEnv({ BOT_ID: 'client-id', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 't' });
    assert.ok(msi.ok);
    assert.equal(msi.value.auth.kind, 'UserAssignedMsi');
    const withPassword = parseEnv({ ...PROD, BOT_TYPE: 'UserAssignedMsi' });
    assert.equal(withPassword.ok, false);
  });

  it('rejects an unknown BOT_TYPE such as MultiTenant', () => {
    assert.equal(parseEnv({ ...PROD, BOT_TYPE: 'MultiTenant' }).ok, false);
  });

  it('parses the tenant allow-list as a comma-separated list', () => {
    const result = parseEnv({ ...PROD, ALLOWED_TENANT_IDS: ' a , b ,,' });
    assert.ok(result.ok);
    assert.deepEqual(result.value.allowedTenantIds, ['a', 'b']);
  });
});
