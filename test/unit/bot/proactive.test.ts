import { strict as assert } from 'node:assert';
import type { Activity, ConversationReference } from 'botbuilder';
import {
  createProactiveMessenger,
  retryAfterMsOf,
  type ProactiveTransport,
} from '../../../src/bot/proactive';
import { captureLogs } from '../../support/logs';

const ref = (id: string): Partial<ConversationReference> => ({
  serviceUrl: 'https://smba.example.test/',
  conversation: { id } as ConversationReference['conversation'],
});

function connectorError(status: number, retryAfter?: string): Error {
  return Object.assign(new Error(`status ${status}`), {
    statusCode: status,
    response: {
      status,
      headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) },
    },
  });
}

/** A fake clock where sleeping moves time on at once: rate limits and retries without real waits. */
function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

function recordingTransport(fail: (call: number, conversationId: string) => Error | undefined) {
  const calls: { at: number; conversationId: string; text?: string }[] = [];
  let clock: () => number = () => 0;
  const transport: ProactiveTransport = {
    send(reference, activity: Partial<Activity>) {
      const conversationId = reference.conversation?.id ?? '';
      calls.push({
        at: clock(),
        conversationId,
        ...(activity.text ? { text: activity.text } : {}),
      });
      const error = fail(calls.length, conversationId);
      return error ? Promise.reject(error) : Promise.resolve(`id-${calls.length}`);
    },
    update(reference) {
      calls.push({ at: clock(), conversationId: reference.conversation?.id ?? '' });
      const error = fail(calls.length, reference.conversation?.id ?? '');
      return error ? Promise.reject(error) : Promise.resolve();
    },
  };
  return { transport, calls, useClock: (c: () => number) => (clock = c) };
}

describe('proactive messenger', () => {
  it('sends at most 7 a second (and 8 in 2 s) per conversation, in order, dropping none', async () => {
    const time = fakeTime();
    const rec = recordingTransport(() => undefined);
    rec.useClock(time.now);
    const messenger = createProactiveMessenger({
      transport: rec.transport,
      log: captureLogs().log,
      ...time,
    });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        messenger.send(ref('19:channel'), { type: 'message', text: String(i) }),
      ),
    );
    assert.ok(results.every((r) => r.ok));
    assert.deepEqual(
      rec.calls.map((c) => c.text),
      Array.from({ length: 30 }, (_, i) => String(i)),
    );
    const times = rec.calls.map((c) => c.at);
    for (const start of times) {
      assert.ok(times.filter((t) => t >= start && t < start + 1000).length <= 7);
      assert.ok(times.filter((t) => t >= start && t < start + 2000).length <= 8);
    }
  });

  it('does not hold one conversation up for another', async () => {
    const time = fakeTime();
    const rec = recordingTransport(() => undefined);
    rec.useClock(time.now);
    const messenger = createProactiveMessenger({
      transport: rec.transport,
      log: captureLogs().log,
      ...time,
    });
    await Promise.all(
      Array.from({ length: 7 }, () => messenger.send(ref('a'), { type: 'message' })),
    );
    await messenger.send(ref('b'), { type: 'message' });
    assert.deepEqual(time.sleeps, []);
  });

  for (const status of [412, 429, 502, 503, 504]) {
    it(`retries ${status}, waiting for Retry-After when given`, async () => {
      const time = fakeTime();
      const rec = recordingTransport((call) =>
        call === 1 ? connectorError(status, '3') : undefined,
      );
      const messenger = createProactiveMessenger({
        transport: rec.transport,
        log: captureLogs().log,
        ...time,
      });
      const result = await messenger.send(ref('c'), { type: 'message' });
      assert.deepEqual(result, { ok: true, id: 'id-2' });
      assert.equal(rec.calls.length, 2);
      assert.deepEqual(time.sleeps, [3000]);
    });
  }

  it('backs off exponentially with jitter when there is no Retry-After, then gives up', async () => {
    const time = fakeTime();
    const rec = recordingTransport(() => connectorError(503));
    const messenger = createProactiveMessenger({
      transport: rec.transport,
      log: captureLogs().log,
      random: () => 0.5,
      ...time,
    });
    const result = await messenger.send(ref('c'), { type: 'message' });
    assert.deepEqual(result, { ok: false, reason: 'failed', status: 503 });
    assert.equal(rec.calls.length, 4);
    assert.deepEqual(time.sleeps, [1000, 2000, 4000]);
  });

  for (const status of [400, 401, 408, 413, 500, 501]) {
    it(`does not retry ${status}`, async () => {
      const time = fakeTime();
      const rec = recordingTransport(() => connectorError(status));
      const messenger = createProactiveMessenger({
        transport: rec.transport,
        log: captureLogs().log,
        ...time,
      });
      const result = await messenger.send(ref('c'), { type: 'message' });
      assert.deepEqual(result, { ok: false, reason: 'failed', status });
      assert.equal(rec.calls.length, 1);
    });
  }

  for (const status of [403, 404]) {
    it(`reports ${status} as a conversation gone, without a retry`, async () => {
      const time = fakeTime();
      const rec = recordingTransport(() => connectorError(status));
      const messenger = createProactiveMessenger({
        transport: rec.transport,
        log: captureLogs().log,
        ...time,
      });
      const result = await messenger.update(ref('c'), 'msg-1', { type: 'message' });
      assert.deepEqual(result, { ok: false, reason: 'gone', status });
      assert.equal(rec.calls.length, 1);
    });
  }

  it('does not wait for a Retry-After longer than its limit', async () => {
    const time = fakeTime();
    const rec = recordingTransport(() => connectorError(429, '3600'));
    const messenger = createProactiveMessenger({
      transport: rec.transport,
      log: captureLogs().log,
      ...time,
    });
    const result = await messenger.send(ref('c'), { type: 'message' });
    assert.equal(result.ok, false);
    assert.equal(rec.calls.length, 1);
    assert.deepEqual(time.sleeps, []);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    assert.equal(retryAfterMsOf(connectorError(429, '2'), now), 2000);
    assert.equal(retryAfterMsOf(connectorError(429, 'Mon, 23 Nov 2026 00:00:05 GMT'), now), 5000);
    assert.equal(retryAfterMsOf(connectorError(429, 'soon'), now), undefined);
    assert.equal(
      retryAfterMsOf({ response: { headers: { 'retry-after': '1' } } }, now),
      1000,
      'plain header objects too',
    );
  });
});
