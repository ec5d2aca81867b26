import { strict as assert } from 'node:assert';
import type { AlertSink, ForwardingAlert } from '../../../../src/core/forwarding/alerts';
import type { AttemptResult } from '../../../../src/core/forwarding/attempt-result';
import { summariseDeliveries } from '../../../../src/core/forwarding/delivery-status';
import { OutboundEventTypes } from '../../../../src/core/forwarding/outbound-event';
import type { DeliveryAttempt, Sender, Senders } from '../../../../src/core/forwarding/sender';
import { createDeliveryWorker, type DeliveryWorker } from '../../../../src/core/forwarding/worker';
import type { Store } from '../../../../src/store/port';
import { openSqliteStore } from '../../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../../support/config';
import { CANARY, FakeClock, forwardingSection, makeEvent } from '../../../support/forwarding';
import { captureLogs, type CapturedLogs } from '../../../support/logs';

type Script = (attempt: DeliveryAttempt) => AttemptResult | Promise<AttemptResult>;

/** A sender that records what it was asked to send and answers as the test scripts. */
function scriptedSender(script: Script = () => ({ outcome: 'delivered', httpStatus: 200 })) {
  const calls: DeliveryAttempt[] = [];
  const sender: Sender & { calls: DeliveryAttempt[]; script: Script } = {
    calls,
    script,
    send(attempt) {
      calls.push(attempt);
      return Promise.resolve(sender.script(attempt));
    },
  };
  return sender;
}

describe('delivery worker', () => {
  let store: Store;
  let clock: FakeClock;
  let logs: CapturedLogs;
  let alerts: ForwardingAlert[];
  let sender: ReturnType<typeof scriptedSender>;
  const config = forwardingSection({
    destinations: [
      { id: 'hr-system', type: 'webhook', url: 'https://hr.example.govt.nz/h', secretEnv: 'HR' },
      { id: 'folder', type: 'file', path: 'unused' },
    ],
    routes: [{ forms: ['*'], to: ['hr-system', 'folder'] }],
    retry: { jitter: 0 },
  });

  function worker(owner = 'worker-1'): DeliveryWorker {
    const sink: AlertSink = { raise: (alert) => Promise.resolve(void alerts.push(alert)) };
    const senders: Senders = { webhook: sender, email: sender, file: sender };
    return createDeliveryWorker({
      outbox: store.outbox,
      config,
      senders,
      alerts: sink,
      log: logs.log,
      clock: clock.now,
      random: () => 0.5,
      owner,
    });
  }

  beforeEach(() => {
    store = openSqliteStore({ dataDir: tempDir() });
    clock = new FakeClock();
    logs = captureLogs();
    alerts = [];
    sender = scriptedSender();
  });
  afterEach(() => store.close());

  it('delivers a due event to each destination once and records it', async () => {
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['hr-system', 'folder']);
    assert.equal(await worker().runOnce(), 2);
    assert.equal(await worker().runOnce(), 0);
    assert.deepEqual(
      sender.calls.map((c) => [c.destination.id, c.event.id, c.attempt]),
      [
        ['hr-system', event.id, 1],
        ['folder', event.id, 1],
      ],
    );
    assert.deepEqual(sender.calls[0]?.event, event);
    const status = await store.outbox.statusFor(event.subject);
    assert.deepEqual(
      summariseDeliveries(status).map((s) => [s.destinationId, s.label]),
      [
        ['hr-system', 'delivered'],
        ['folder', 'delivered'],
      ],
    );
  });

  it('walks the retry schedule, then dead-letters with one alert', async () => {
    sender.script = () => ({ outcome: 'retry', reason: 'http_503', httpStatus: 503 });
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['hr-system']);
    const w = worker();
    const waits = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
    assert.equal(await w.runOnce(), 1);
    for (const wait of waits) {
      const [row] = await store.outbox.list();
      assert.equal(row?.status, 'retrying');
      assert.equal(row?.nextAttemptAt.getTime(), clock.now().getTime() + wait);
      assert.equal(
        summariseDeliveries(await store.outbox.statusFor(event.subject))[0]?.label,
        'delayed, retrying',
      );
      clock.advance(wait - 1);
      assert.equal(await w.runOnce(), 0, 'not before its time');
      clock.advance(1);
      assert.equal(await w.runOnce(), 1);
    }
    assert.equal(sender.calls.length, 8);
    const [row] = await store.outbox.list();
    assert.equal(row?.status, 'dead');
    assert.equal(row?.lastError, 'schedule_exhausted_http_503');
    assert.equal(alerts.length, 1);
    assert.deepEqual(
      { ...alerts[0], at: undefined },
      {
        kind: 'dead_letter',
        destinationId: 'hr-system',
        eventId: event.id,
        eventType: OutboundEventTypes.submitted,
        subject: event.subject,
        reason: 'schedule_exhausted_http_503',
        httpStatus: 503,
        attempts: 8,
        at: undefined,
      },
    );
    assert.equal(
      summariseDeliveries(await store.outbox.statusFor(event.orderingKey))[0]?.label,
      'failed, integrity team notified',
    );
    clock.advance(365 * 86_400_000);
    assert.equal(await w.runOnce(), 0, 'a dead letter is not retried automatically');
  });

  it('waits as long as Retry-After asks', async () => {
    sender.script = () => ({
      outcome: 'retry',
      reason: 'http_429',
      httpStatus: 429,
      retryAfterMs: 120_000,
    });
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
    await worker().runOnce();
    const [row] = await store.outbox.list();
    assert.equal(row?.nextAttemptAt.getTime(), clock.now().getTime() + 120_000);
  });

  it('a permanent refusal is a dead letter at once, with an alert', async () => {
    sender.script = () => ({ outcome: 'dead', reason: 'http_404', httpStatus: 404 });
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
    await worker().runOnce();
    assert.equal((await store.outbox.list())[0]?.status, 'dead');
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.reason, a.attempts]),
      [['dead_letter', 'http_404', 1]],
    );
  });

  it('410 disables the destination with one alert: its queue waits, others carry on, re-enabling resumes in order', async () => {
    sender.script = (a) =>
      a.destination.id === 'hr-system'
        ? { outcome: 'disable', reason: 'http_410', httpStatus: 410 }
        : { outcome: 'delivered' };
    const first = makeEvent({ occurredAt: clock.now() });
    const second = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(first, ['hr-system', 'folder']);
    await store.outbox.enqueue(second, ['hr-system', 'folder']);
    const w = worker();
    await w.runOnce();
    await w.runOnce();
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.destinationId, a.reason]),
      [['destination_disabled', 'hr-system', 'http_410']],
    );
    const hrCallsWhileDisabled = sender.calls.filter(
      (c) => c.destination.id === 'hr-system',
    ).length;
    assert.ok(hrCallsWhileDisabled <= 2, 'at most the batch in flight when it answered 410');
    await w.runOnce();
    assert.equal(
      sender.calls.filter((c) => c.destination.id === 'hr-system').length,
      hrCallsWhileDisabled,
    );
    assert.equal(sender.calls.filter((c) => c.destination.id === 'folder').length, 2);
    for (const event of [first, second]) {
      assert.deepEqual(
        summariseDeliveries(await store.outbox.statusFor(event.subject)).map((s) => s.label),
        ['failed, integrity team notified', 'delivered'],
      );
    }
    assert.deepEqual(
      (await store.outbox.disabledDestinations()).map((d) => d.destinationId),
      ['hr-system'],
    );

    sender.calls.length = 0;
    sender.script = () => ({ outcome: 'delivered' });
    assert.equal(await store.outbox.enableDestination('hr-system'), true);
    assert.equal(await w.runOnce(), 2);
    assert.deepEqual(
      sender.calls.map((c) => c.event.id),
      [first.id, second.id],
    );
    assert.equal((await store.outbox.counts()).delivered, 4);
  });

  it('keeps each declaration in order at each destination, without holding up others', async () => {
    const submitted = makeEvent({ occurredAt: clock.now() });
    const updated = makeEvent({
      subject: submitted.subject,
      orderingKey: submitted.orderingKey,
      type: OutboundEventTypes.updated,
      occurredAt: clock.now(),
    });
    const other = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(submitted, ['hr-system']);
    await store.outbox.enqueue(updated, ['hr-system']);
    await store.outbox.enqueue(other, ['hr-system']);
    sender.script = (a) =>
      a.event.id === submitted.id && a.attempt === 1
        ? { outcome: 'retry', reason: 'timeout' }
        : { outcome: 'delivered' };
    const w = worker();
    assert.equal(await w.runOnce(), 2, 'the first event of each declaration');
    assert.equal(await w.runOnce(), 0, 'the update waits behind its failed submission');
    clock.advance(5_000);
    assert.equal(await w.runOnce(), 1);
    assert.equal(await w.runOnce(), 1);
    assert.deepEqual(
      sender.calls.map((c) => c.event.id),
      [submitted.id, other.id, submitted.id, updated.id],
    );
  });

  it("a crashed worker's lease runs out and another worker delivers; the late answer is ignored", async () => {
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['hr-system']);
    const [claimed] = await store.outbox.claimDue({
      now: clock.now(),
      limit: 10,
      leaseMs: config.worker.lease,
      owner: 'crashed',
    });
    assert.ok(claimed);
    assert.equal(await worker('worker-2').runOnce(), 0, 'leased elsewhere');
    clock.advance(config.worker.lease);
    assert.equal(await worker('worker-2').runOnce(), 1);
    assert.equal(sender.calls[0]?.attempt, 2, 'the crashed attempt counts');
    assert.equal(
      await store.outbox.markDelivered(claimed.id, 'crashed', { at: clock.now() }),
      false,
    );
    assert.equal((await store.outbox.list())[0]?.status, 'delivered');
  });

  it('a sender that throws keeps the event for a retry', async () => {
    sender.script = () => {
      throw new Error('boom');
    };
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['folder']);
    await worker().runOnce();
    const [row] = await store.outbox.list();
    assert.deepEqual([row?.status, row?.lastError], ['retrying', 'internal_error']);
  });

  it('an event for a destination no longer configured is a dead letter, not a silent loss', async () => {
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['retired-system']);
    await worker().runOnce();
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.reason]),
      [['dead_letter', 'destination_not_configured']],
    );
  });

  it('logs ids and states, never declaration content', async () => {
    sender.script = (a) =>
      a.attempt === 1
        ? { outcome: 'retry', reason: 'http_500', httpStatus: 500 }
        : { outcome: 'delivered' };
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['hr-system']);
    const w = worker();
    await w.runOnce();
    clock.advance(5_000);
    await w.runOnce();
    assert.ok(logs.raw().includes('forwarded'));
    assert.ok(!logs.raw().includes(CANARY));
  });

  it('runs as a loop until stopped, and wakes on demand', async () => {
    const w = worker();
    w.start();
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['folder']);
    w.wake();
    for (let i = 0; i < 100 && sender.calls.length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    assert.equal(sender.calls.length, 1);
  });
});
