import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OutboundEventTypes } from '../../../src/core/forwarding/outbound-event';
import { createForwarding, type Forwarding } from '../../../src/forwarding/create-forwarding';
import { signWebhook } from '../../../src/core/forwarding/signature';
import { createWebhookSender } from '../../../src/forwarding/webhook-sender';
import type { Store } from '../../../src/store/port';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';
import {
  CANARY,
  configWithForwarding,
  FakeClock,
  makeEvent,
  newWebhookSecret,
} from '../../support/forwarding';
import { captureLogs, type CapturedLogs } from '../../support/logs';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

describe('webhook delivery to a real receiver', () => {
  let store: Store;
  let clock: FakeClock;
  let logs: CapturedLogs;
  let receiver: WebhookReceiver;
  let forwarding: Forwarding;
  const secret = newWebhookSecret();

  function start(
    options: {
      url?: string;
      secrets?: string[];
      timeoutMs?: number;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    const config = configWithForwarding(
      {
        destinations: [
          {
            id: 'hr-system',
            type: 'webhook',
            url: options.url ?? receiver.url,
            secretEnv: 'HR_WEBHOOK_SECRET',
            ...(options.secrets && options.secrets.length > 1
              ? { previousSecretEnv: 'HR_WEBHOOK_SECRET_OLD' }
              : {}),
            timeoutMs: options.timeoutMs ?? 5_000,
            ...options.extra,
          },
        ],
        routes: [{ forms: ['*'], to: ['hr-system'] }],
        retry: { jitter: 0 },
      },
      { webhooks: { 'hr-system': options.secrets ?? [secret] } },
    );
    forwarding = createForwarding({
      config,
      store,
      log: logs.log,
      clock: clock.now,
      random: () => 0.5,
    });
    return forwarding.worker;
  }

  beforeEach(async () => {
    store = openSqliteStore({ dataDir: tempDir() });
    clock = new FakeClock();
    logs = captureLogs();
    receiver = await startWebhookReceiver({ secrets: [secret], nowSeconds: clock.seconds });
  });
  afterEach(async () => {
    await forwarding?.stop();
    await receiver.close();
    await store.close();
  });

  it('posts a signed CloudEvent the published verifier accepts, and records it delivered', async () => {
    const worker = start();
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['hr-system']);
    assert.equal(await worker.runOnce(), 1);

    assert.equal(receiver.events.length, 1);
    const got = receiver.events[0];
    assert.equal(got?.webhookId, event.id);
    assert.equal(got?.timestamp, clock.seconds());
    assert.equal(got?.contentType, 'application/cloudevents+json; charset=utf-8');
    assert.deepEqual(got?.event, {
      specversion: '1.0',
      id: event.id,
      source: '/integrity-assistant',
      type: OutboundEventTypes.submitted,
      time: clock.now().toISOString(),
      subject: event.subject,
      datacontenttype: 'application/json',
      dataschema: 'urn:integrity-assistant:schema:gift-hospitality@1',
      data: event.data,
    });
    const ajv = new Ajv2020();
    addFormats(ajv);
    const schema = JSON.parse(readFileSync('schemas/declaration-event.v1.json', 'utf8')) as object;
    assert.ok(ajv.validate(schema, got?.event));
    const [status] = await store.outbox.statusFor(event.subject);
    assert.equal(status?.status, 'delivered');
  });

  it('retries a failing receiver with the same webhook-id and a fresh timestamp each time', async () => {
    const worker = start();
    receiver.failNext(3, 503);
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['hr-system']);
    for (const wait of [0, 5_000, 300_000, 1_800_000]) {
      clock.advance(wait);
      assert.equal(await worker.runOnce(), 1);
    }
    assert.deepEqual(
      receiver.requests.map((r) => [r.webhookId, r.status]),
      [
        [event.id, 503],
        [event.id, 503],
        [event.id, 503],
        [event.id, 204],
      ],
    );
    assert.equal(receiver.events.length, 1);
    assert.equal(
      receiver.events[0]?.timestamp,
      clock.seconds(),
      'signed at the time of the attempt',
    );
    assert.equal((await store.outbox.list())[0]?.status, 'delivered');
  });

  it('gives up on a receiver that hangs (timeout) and retries later', async () => {
    const worker = start({ timeoutMs: 1_000 });
    receiver.hangNext(1);
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
    await worker.runOnce();
    const [row] = await store.outbox.list();
    assert.deepEqual([row?.status, row?.lastError], ['retrying', 'timeout']);
    clock.advance(5_000);
    await worker.runOnce();
    assert.equal(receiver.events.length, 1);
  });

  it('honours 429 Retry-After', async () => {
    const worker = start();
    receiver.failNext(1, 429, { 'retry-after': '120' });
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
    await worker.runOnce();
    clock.advance(5_000);
    assert.equal(await worker.runOnce(), 0, 'the schedule alone would have retried after 5 s');
    clock.advance(115_000);
    assert.equal(await worker.runOnce(), 1);
    assert.equal(receiver.events.length, 1);
  });

  it('410 disables the destination and alerts; later events wait until it is re-enabled', async () => {
    const worker = start();
    receiver.failNext(1, 410);
    const first = makeEvent({ occurredAt: clock.now() });
    const second = makeEvent({
      subject: first.subject,
      orderingKey: first.orderingKey,
      type: OutboundEventTypes.updated,
      occurredAt: clock.now(),
    });
    await store.outbox.enqueue(first, ['hr-system']);
    await worker.runOnce();
    await store.outbox.enqueue(second, ['hr-system']);
    clock.advance(86_400_000);
    assert.equal(await worker.runOnce(), 0);
    const alerts = logs.lines().filter((l) => l.event === 'destination_disabled');
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.destinationId, 'hr-system');
    assert.equal(receiver.requests.length, 1);
    await store.outbox.enableDestination('hr-system');
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(
      receiver.events.map((e) => e.webhookId),
      [first.id, second.id],
    );
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await startWebhookReceiver({ secrets: [secret], nowSeconds: clock.seconds });
    try {
      const worker = start();
      receiver.failNext(1, 307, { location: elsewhere.url });
      await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
      await worker.runOnce();
      assert.equal(elsewhere.requests.length, 0);
      const [row] = await store.outbox.list();
      assert.deepEqual(
        [row?.status, row?.lastError, row?.lastHttpStatus],
        ['retrying', 'http_307', 307],
      );
    } finally {
      await elsewhere.close();
    }
  });

  it('a permanent 4xx is a dead letter with a security event that holds no content', async () => {
    const worker = start();
    receiver.answerAlways(422);
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['hr-system']);
    await worker.runOnce();
    assert.equal((await store.outbox.list())[0]?.status, 'dead');
    const [alert] = logs.lines().filter((l) => l.event === 'dispatch_dead_letter');
    assert.equal(alert?.eventId, event.id);
    assert.equal(alert?.reference, event.subject);
    assert.equal(alert?.reason, 'http_422');
    assert.ok(!logs.raw().includes(CANARY));
  });

  it('during a rotation, receivers on the old secret and on the new one both verify', async () => {
    const old = newWebhookSecret();
    const oldReceiver = await startWebhookReceiver({ secrets: [old], nowSeconds: clock.seconds });
    const newReceiver = await startWebhookReceiver({
      secrets: [secret],
      nowSeconds: clock.seconds,
    });
    try {
      for (const target of [oldReceiver, newReceiver]) {
        const worker = start({ url: target.url, secrets: [secret, old] });
        await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
        await worker.runOnce();
        await forwarding.stop();
      }
      assert.equal(oldReceiver.events.length, 1);
      assert.equal(newReceiver.events.length, 1);
    } finally {
      await oldReceiver.close();
      await newReceiver.close();
    }
  });

  it('a receiver holding another secret refuses the delivery (401), which becomes a dead letter', async () => {
    const worker = start({ secrets: [newWebhookSecret()] });
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
    await worker.runOnce();
    assert.deepEqual(
      receiver.requests.map((r) => [r.verified, r.status, r.reason]),
      [[false, 401, 'no valid signature']],
    );
    assert.equal(receiver.events.length, 0);
    assert.equal((await store.outbox.list())[0]?.lastError, 'http_401');
  });

  describe('the receiver refuses forged requests', () => {
    async function post(headers: Record<string, string>, body: string) {
      const response = await fetch(receiver.url, { method: 'POST', headers, body });
      return response.status;
    }

    it('tampered body, wrong secret, stale timestamp, missing header', async () => {
      const body = JSON.stringify({ id: 'evt-1', subject: 'GIF-2026-000001' });
      const sign = (secrets: string[], ts = clock.seconds()) =>
        signWebhook({ id: 'evt-1', timestampSeconds: ts, body, secrets }) as unknown as Record<
          string,
          string
        >;
      assert.equal(await post(sign([secret]), body.replace('000001', '000002')), 401);
      assert.equal(await post(sign([newWebhookSecret()]), body), 401);
      assert.equal(await post(sign([secret], clock.seconds() - 600), body), 401);
      for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
        const headers = sign([secret]);
        delete headers[header];
        assert.equal(await post(headers, body), 401);
      }
      assert.equal(receiver.events.length, 0);
      assert.equal(await post(sign([secret]), body), 204, 'the genuine request still passes');
    });
  });

  describe('address safety at delivery time', () => {
    const event = makeEvent();

    it('refuses a host that resolves to a private address, sending nothing', async () => {
      const sender = createWebhookSender({
        mode: 'local',
        allowedHosts: [],
        source: '/x',
        schemaUri: 'urn:x:{id}',
        secrets: { hook: [secret] },
        resolve: () => Promise.resolve(['127.0.0.1', '10.0.0.7']),
      });
      const destination = {
        id: 'hook',
        type: 'webhook' as const,
        url: `http://rebinding.example:${receiver.port}/hooks`,
        secretEnv: 'X',
        timeoutMs: 2_000,
        contentType: 'application/cloudevents+json' as const,
      };
      const result = await sender.send({ event, destination, attempt: 1, now: clock.now() });
      assert.deepEqual(result, { outcome: 'dead', reason: 'address_refused' });
      assert.equal(receiver.requests.length, 0);
    });

    it('resolves names with DNS: localhost is allowed in local mode only', async () => {
      const destination = {
        id: 'hook',
        type: 'webhook' as const,
        url: `http://localhost:${receiver.port}/hooks`,
        secretEnv: 'X',
        timeoutMs: 2_000,
        contentType: 'application/json' as const,
      };
      const options = {
        allowedHosts: ['localhost'],
        source: '/x',
        schemaUri: 'urn:x:{id}',
        secrets: { hook: [secret] },
      };
      const local = await createWebhookSender({ ...options, mode: 'local' }).send({
        event,
        destination,
        attempt: 1,
        now: clock.now(),
      });
      assert.equal(local.outcome, 'delivered');
      assert.equal(receiver.events[0]?.contentType, 'application/json; charset=utf-8');
      const production = await createWebhookSender({ ...options, mode: 'production' }).send({
        event,
        destination,
        attempt: 1,
        now: clock.now(),
      });
      assert.deepEqual(production, { outcome: 'dead', reason: 'url_refused' });
      assert.equal(receiver.requests.length, 1);
    });
  });
});
