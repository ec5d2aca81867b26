import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { stringify, parse } from 'yaml';
import { parseAgencyConfig } from '../../../../src/config/agency';
import { resolveForwardingSecrets } from '../../../../src/config/secrets';
import { forwardingSection, newWebhookSecret } from '../../../support/forwarding';

/** The committed agency file with its forwarding section replaced. */
function agencyWith(forwarding: Record<string, unknown>) {
  const base = parse(readFileSync('config/agency.yaml', 'utf8')) as Record<string, unknown>;
  return parseAgencyConfig(stringify({ ...base, forwarding }), 'agency.yaml');
}

function problemsOf(forwarding: Record<string, unknown>): string[] {
  const result = agencyWith(forwarding);
  assert.equal(result.ok, false, 'expected the config to be refused');
  return result.ok ? [] : result.problems;
}

const webhook = (overrides: Record<string, unknown> = {}) => ({
  id: 'hr-system',
  type: 'webhook',
  url: 'https://hr.example.govt.nz/integrity/hooks',
  secretEnv: 'HR_WEBHOOK_SECRET',
  ...overrides,
});

describe('forwarding config', () => {
  it('the committed local config forwards every form to the local folder, with no secrets', () => {
    const result = parseAgencyConfig(readFileSync('config/agency.yaml', 'utf8'), 'agency.yaml');
    assert.ok(result.ok);
    const { forwarding } = result.value;
    assert.deepEqual(forwarding.destinations, [
      { id: 'local-folder', type: 'file', path: './data/forwarded' },
    ]);
    assert.deepEqual(forwarding.routes, [{ forms: ['*'], to: ['local-folder'] }]);
    assert.deepEqual(resolveForwardingSecrets(forwarding, {}, 'local'), {
      ok: true,
      value: { webhooks: {} },
    });
  });

  it('reads durations as an administrator writes them, with the Svix-like default schedule', () => {
    const config = forwardingSection({
      retry: { schedule: ['500ms', '5s', '2m', '1h', '1d', 250] },
    });
    assert.deepEqual(config.retry.schedule, [500, 5_000, 120_000, 3_600_000, 86_400_000, 250]);
    assert.deepEqual(
      forwardingSection({}).retry.schedule,
      [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
    );
    assert.deepEqual(problemsOf({ retry: { schedule: ['soon'] } }), [
      'forwarding.retry.schedule[0]: expected a duration such as 5s, 30m, 2h or 1d',
    ]);
  });

  it('names the path of a bad URL', () => {
    const problems = problemsOf({
      destinations: [{ id: 'a', type: 'file', path: 'x' }, webhook({ url: 'not a url' })],
    });
    assert.deepEqual(problems, ['forwarding.destinations[1].url: Invalid URL']);
  });

  it('refuses a route to an unknown destination, a duplicate id and an unknown type', () => {
    const problems = problemsOf({
      destinations: [
        { id: 'a', type: 'file', path: 'x' },
        { id: 'a', type: 'file', path: 'y' },
      ],
      routes: [{ forms: ['*'], to: ['a', 'nope'] }],
    });
    assert.deepEqual(problems, [
      'forwarding.destinations[1].id: duplicate destination id "a"',
      'forwarding.routes[0].to[1]: unknown destination id "nope"',
    ]);
    const unknownType = problemsOf({ destinations: [{ id: 'b', type: 'ftp', path: 'z' }] });
    assert.deepEqual(unknownType, [
      'forwarding.destinations[0].type: expected webhook, email or file',
    ]);
  });

  it('refuses a secret written into the file instead of an environment variable name', () => {
    const problems = problemsOf({ destinations: [webhook({ secretEnv: newWebhookSecret() })] });
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^forwarding\.destinations\[0\]\.secretEnv: name an environment variable/,
    );
    assert.doesNotMatch(problems[0] ?? '', /whsec_/);
  });

  it('needs smtp settings for an email destination', () => {
    assert.deepEqual(
      problemsOf({
        destinations: [{ id: 'mail', type: 'email', to: ['integrity@example.govt.nz'] }],
      }),
      ['forwarding.destinations[0].type: an email destination needs forwarding.smtp'],
    );
  });

  it('keeps the lease longer than any delivery can take', () => {
    assert.deepEqual(
      problemsOf({ destinations: [webhook({ timeoutMs: 30_000 })], worker: { lease: '30s' } }),
      ['forwarding.worker.lease: must be at least twice the longest timeout (60000 ms)'],
    );
  });
});

describe('forwarding deployment rules and secrets', () => {
  const secret = newWebhookSecret();
  const env = { HR_WEBHOOK_SECRET: secret };

  it('resolves each webhook secret from the environment, never echoing it in a problem', () => {
    const config = forwardingSection({
      allowedHosts: ['hr.example.govt.nz'],
      destinations: [webhook({ previousSecretEnv: 'HR_WEBHOOK_SECRET_OLD' })],
    });
    const old = newWebhookSecret();
    const ok = resolveForwardingSecrets(
      config,
      { ...env, HR_WEBHOOK_SECRET_OLD: old },
      'production',
    );
    assert.deepEqual(ok, { ok: true, value: { webhooks: { 'hr-system': [secret, old] } } });

    const missing = resolveForwardingSecrets(config, env, 'production');
    assert.deepEqual(missing, {
      ok: false,
      problems: [
        'forwarding.destinations[0].previousSecretEnv: environment variable HR_WEBHOOK_SECRET_OLD is not set',
      ],
    });
    const malformed = resolveForwardingSecrets(
      config,
      { HR_WEBHOOK_SECRET: 'whsec_c2hvcnQ=', HR_WEBHOOK_SECRET_OLD: old },
      'production',
    );
    assert.equal(malformed.ok, false);
    assert.match(
      malformed.ok ? '' : (malformed.problems[0] ?? ''),
      /must be whsec_ followed by base64 of 24 to 64 bytes/,
    );
    assert.doesNotMatch(JSON.stringify(malformed), /c2hvcnQ/);
  });

  it('an unset secretEnv stops a production start', () => {
    const config = forwardingSection({
      allowedHosts: ['hr.example.govt.nz'],
      destinations: [webhook()],
    });
    assert.deepEqual(resolveForwardingSecrets(config, {}, 'production'), {
      ok: false,
      problems: [
        'forwarding.destinations[0].secretEnv: environment variable HR_WEBHOOK_SECRET is not set',
      ],
    });
  });

  it('in production, webhooks must be https on an allowed host', () => {
    const config = forwardingSection({
      allowedHosts: ['*.example.govt.nz'],
      destinations: [
        webhook({ id: 'plain', url: 'http://hr.example.govt.nz/hooks' }),
        webhook({ id: 'elsewhere', url: 'https://hooks.example.com/x' }),
        webhook({ id: 'sub', url: 'https://cases.hr.example.govt.nz/x' }),
      ],
    });
    const result = resolveForwardingSecrets(config, env, 'production');
    assert.deepEqual(result.ok ? [] : result.problems, [
      'forwarding.destinations[0].url: must use https in production',
      'forwarding.destinations[1].url: host "hooks.example.com" is not in forwarding.allowedHosts',
    ]);
  });

  it('refuses private and link-local targets everywhere, and loopback outside local mode', () => {
    const config = forwardingSection({
      allowedHosts: ['10.1.2.3', '169.254.169.254', '127.0.0.1', 'localhost'],
      destinations: [
        webhook({ id: 'private', url: 'https://10.1.2.3/x' }),
        webhook({ id: 'metadata', url: 'https://169.254.169.254/latest' }),
        webhook({ id: 'loop', url: 'https://127.0.0.1:8443/x' }),
        webhook({ id: 'named-loop', url: 'https://localhost/x' }),
      ],
    });
    const production = resolveForwardingSecrets(config, env, 'production');
    assert.deepEqual(production.ok ? [] : production.problems, [
      'forwarding.destinations[0].url: refers to a private address',
      'forwarding.destinations[1].url: refers to a link-local address',
      'forwarding.destinations[2].url: refers to a loopback address',
      'forwarding.destinations[3].url: refers to a loopback address',
    ]);
    const local = resolveForwardingSecrets(config, env, 'local');
    assert.deepEqual(local.ok ? [] : local.problems, [
      'forwarding.destinations[0].url: refers to a private address',
      'forwarding.destinations[1].url: refers to a link-local address',
    ]);
  });

  it('reads SMTP credentials from the environment and insists on TLS in production', () => {
    const config = forwardingSection({
      smtp: {
        host: 'smtp.example.govt.nz',
        from: 'bot@example.govt.nz',
        userEnv: 'SMTP_USER',
        passwordEnv: 'SMTP_PASSWORD',
        requireTls: false,
      },
    });
    assert.deepEqual(
      resolveForwardingSecrets(config, { SMTP_USER: 'u', SMTP_PASSWORD: 'p' }, 'local'),
      {
        ok: true,
        value: { webhooks: {}, smtp: { user: 'u', pass: 'p' } },
      },
    );
    const production = resolveForwardingSecrets(config, { SMTP_USER: 'u' }, 'production');
    assert.deepEqual(production.ok ? [] : production.problems, [
      'forwarding.smtp.requireTls: must be true in production (or use secure: true)',
      'forwarding.smtp.passwordEnv: environment variable SMTP_PASSWORD is not set',
    ]);
  });
});
