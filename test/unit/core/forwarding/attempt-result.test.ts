import { strict as assert } from 'node:assert';
import { classifyHttpResponse } from '../../../../src/core/forwarding/attempt-result';

describe('what a webhook answer means', () => {
  const now = new Date('2026-03-02T09:00:00.000Z');
  const outcome = (status: number) => classifyHttpResponse(status, null, now).outcome;

  it('2xx is delivered, and only 2xx', () => {
    for (const status of [200, 201, 202, 204, 299]) assert.equal(outcome(status), 'delivered');
  });

  it('408, 429 and 5xx are retried; redirects are failures, retried, never followed', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599, 301, 302, 307, 308]) {
      assert.equal(outcome(status), 'retry', String(status));
    }
    assert.deepEqual(classifyHttpResponse(429, '30', now), {
      outcome: 'retry',
      reason: 'http_429',
      httpStatus: 429,
      retryAfterMs: 30_000,
    });
  });

  it('410 disables the destination; other 4xx are permanent', () => {
    assert.deepEqual(classifyHttpResponse(410, null, now), {
      outcome: 'disable',
      reason: 'http_410',
      httpStatus: 410,
    });
    for (const status of [400, 401, 403, 404, 405, 409, 413, 415, 422]) {
      assert.equal(outcome(status), 'dead', String(status));
    }
  });
});
