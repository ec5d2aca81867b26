import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { signWebhook } from '../../../../src/core/forwarding/signature';
import { docsVerifier } from '../../../support/docs-verifier';
import { newWebhookSecret } from '../../../support/forwarding';

describe('Standard Webhooks signatures', () => {
  it('matches the reference test vector of the Standard Webhooks libraries', () => {
    const headers = signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestampSeconds: 1614265330,
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    assert.deepEqual(headers, {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('signs with every secret during a rotation, current first', () => {
    const headers = signWebhook({
      id: 'evt-1',
      timestampSeconds: 1,
      body: '{}',
      secrets: [newWebhookSecret(), newWebhookSecret()],
    });
    assert.match(headers['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses to sign without a valid secret or with a dotted id', () => {
    assert.throws(() => signWebhook({ id: 'a', timestampSeconds: 1, body: '', secrets: [] }));
    assert.throws(() =>
      signWebhook({ id: 'a', timestampSeconds: 1, body: '', secrets: ['whsec_c2hvcnQ='] }),
    );
    assert.throws(() =>
      signWebhook({ id: 'a.b', timestampSeconds: 1, body: '', secrets: [newWebhookSecret()] }),
    );
  });
});

describe('the verifier published in docs/integrations.md (the receiver side)', () => {
  const verify = docsVerifier();
  const secret = newWebhookSecret();
  const now = 1_767_225_600;
  const body = JSON.stringify({ specversion: '1.0', id: 'evt-42', subject: 'GIF-2026-000042' });
  const signed = (secrets: string[] = [secret], ts = now, id = 'evt-42') =>
    signWebhook({ id, timestampSeconds: ts, body, secrets }) as unknown as Record<string, string>;

  it('accepts a valid delivery and returns the event', () => {
    assert.deepEqual(verify(secret, signed(), body, now), JSON.parse(body));
    assert.deepEqual(verify([secret], signed(), Buffer.from(body), now + 299), JSON.parse(body));
  });

  it('accepts either secret while two signatures are sent (rotation)', () => {
    const old = newWebhookSecret();
    const headers = signed([secret, old]);
    assert.ok(verify(old, headers, body, now));
    assert.ok(verify(secret, headers, body, now));
    assert.ok(verify([newWebhookSecret(), old], headers, body, now));
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('000042', '000043');
    assert.throws(() => verify(secret, signed(), tampered, now), /no valid signature/);
  });

  it('rejects a signature made with another secret', () => {
    assert.throws(
      () => verify(secret, signed([newWebhookSecret()]), body, now),
      /no valid signature/,
    );
  });

  it('rejects a stale or future timestamp (over 5 minutes off)', () => {
    assert.throws(() => verify(secret, signed([secret], now - 301), body, now), /tolerance/);
    assert.throws(() => verify(secret, signed([secret], now + 301), body, now), /tolerance/);
  });

  it('rejects a request missing any of the three headers', () => {
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const headers = { ...signed() };
      delete headers[header];
      assert.throws(() => verify(secret, headers, body, now), /missing/, header);
    }
  });

  it('rejects a replayed signature under another webhook-id', () => {
    const headers = { ...signed(), 'webhook-id': 'evt-43' };
    assert.throws(() => verify(secret, headers, body, now), /no valid signature/);
  });
});

describe('the worked example in docs/integrations.md', () => {
  const doc = readFileSync('docs/integrations.md', 'utf8');
  const block = /```http\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const [head = '', body = ''] = block.split('\n\n');
  const headers = Object.fromEntries(
    head
      .split('\n')
      .slice(1)
      .map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
  );
  const secret = /signed with the test\s+secret `(whsec_[^`]+)`/.exec(doc)?.[1] ?? '';

  it('verifies with the published verifier and is what the bot would send', () => {
    const timestamp = Number(headers['webhook-timestamp']);
    assert.ok(verifyDocs(secret, headers, body.trim(), timestamp));
    const signed = signWebhook({
      id: headers['webhook-id'] ?? '',
      timestampSeconds: timestamp,
      body: body.trim(),
      secrets: [secret],
    });
    assert.equal(signed['webhook-signature'], headers['webhook-signature']);
  });
});

function verifyDocs(...args: Parameters<ReturnType<typeof docsVerifier>>) {
  return docsVerifier()(...args);
}
