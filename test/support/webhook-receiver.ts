import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { docsVerifier } from './docs-verifier';

export interface ReceivedEvent {
  readonly webhookId: string;
  readonly timestamp: number;
  readonly contentType: string | undefined;
  readonly event: {
    id: string;
    type: string;
    subject: string;
    source: string;
    specversion: string;
    time: string;
    datacontenttype: string;
    dataschema: string;
    data: Record<string, unknown>;
  };
  /** Order of arrival among everything the receiver accepted. */
  readonly sequence: number;
  readonly receivedAt: number;
}

export interface RequestRecord {
  readonly path: string | undefined;
  readonly webhookId: string | undefined;
  readonly verified: boolean;
  readonly status: number | 'hung';
  readonly reason?: string;
}

type Plan =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'accept-then-hang' };

export interface WebhookReceiver {
  readonly url: string;
  readonly port: number;
  /** Events accepted (verified, answered 2xx), first delivery of each webhook-id only. */
  readonly events: ReceivedEvent[];
  /** Every request, verified or not, and what it was answered. */
  readonly requests: RequestRecord[];
  /** Verified repeats of a webhook-id already accepted (answered 2xx, not processed again). */
  readonly duplicates: string[];
  /** The next `times` verified requests are answered with `status` (and headers). */
  failNext(times: number, status?: number, headers?: Record<string, string>): void;
  /** The next `times` requests are read and never answered. */
  hangNext(times: number): void;
  /** The next `times` verified requests are processed (recorded) but never answered. */
  acceptThenHangNext(times: number): void;
  /** Every verified request is answered with this status until reset. */
  answerAlways(status: number, headers?: Record<string, string>): void;
  reset(): void;
  /** Stops listening and drops connections: the sender sees connection refused. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves once `count` distinct events have been accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An independent receiver on loopback: it verifies Standard Webhooks signatures with the verifier
 * published in docs/integrations.md and deduplicates on webhook-id, as the docs tell integrators.
 */
// restify (loaded by the bot in the same test process) patches ServerResponse, so no chaining.
function reply(res: ServerResponse, status: number, headers?: Record<string, string>): void {
  res.writeHead(status, headers);
  res.end();
}

export async function startWebhookReceiver(options: {
  secrets: readonly string[];
  /** The receiver's clock in Unix seconds (tests with a fake clock pass the same one). */
  nowSeconds?: () => number;
  port?: number;
}): Promise<WebhookReceiver> {
  const verify = docsVerifier();
  const events: ReceivedEvent[] = [];
  const requests: RequestRecord[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  let plans: Plan[] = [];
  let always: Plan | undefined;
  const hung: ServerResponse[] = [];
  let waiters: Array<() => void> = [];

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const webhookId = req.headers['webhook-id'] as string | undefined;
    const plan = plans.shift() ?? always;
    if (plan?.kind === 'hang') {
      requests.push({ path: req.url, webhookId, verified: false, status: 'hung' });
      hung.push(res);
      return;
    }
    let event: ReceivedEvent['event'];
    try {
      event = verify(
        options.secrets,
        req.headers,
        body,
        options.nowSeconds?.() ?? Math.floor(Date.now() / 1000),
      ) as ReceivedEvent['event'];
    } catch (error) {
      requests.push({
        path: req.url,
        webhookId,
        verified: false,
        status: 401,
        reason: (error as Error).message,
      });
      reply(res, 401);
      return;
    }
    if (plan?.kind === 'status') {
      requests.push({ path: req.url, webhookId, verified: true, status: plan.status });
      reply(res, plan.status, plan.headers);
      return;
    }
    const id = webhookId ?? '';
    const answer = plan?.kind !== 'accept-then-hang';
    if (seen.has(id)) {
      duplicates.push(id);
    } else {
      seen.add(id);
      events.push({
        webhookId: id,
        timestamp: Number(req.headers['webhook-timestamp']),
        contentType: req.headers['content-type'],
        event,
        sequence: events.length,
        receivedAt: performance.now(),
      });
      waiters.forEach((wake) => wake());
    }
    if (!answer) {
      requests.push({ path: req.url, webhookId, verified: true, status: 'hung' });
      hung.push(res);
      return;
    }
    requests.push({ path: req.url, webhookId, verified: true, status: 204 });
    reply(res, 204);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(options.port ?? 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      hung.splice(0).forEach((res) => res.destroy());
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    events,
    requests,
    duplicates,
    failNext(times, status = 503, headers) {
      for (let i = 0; i < times; i += 1)
        plans.push({ kind: 'status', status, ...(headers ? { headers } : {}) });
    },
    hangNext(times) {
      for (let i = 0; i < times; i += 1) plans.push({ kind: 'hang' });
    },
    acceptThenHangNext(times) {
      for (let i = 0; i < times; i += 1) plans.push({ kind: 'accept-then-hang' });
    },
    answerAlways(status, headers) {
      always = { kind: 'status', status, ...(headers ? { headers } : {}) };
    },
    reset() {
      plans = [];
      always = undefined;
    },
    down: stop,
    async up() {
      await listen(port);
    },
    waitFor(count, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== check);
          reject(new Error(`receiver got ${events.length} of ${count} events`));
        }, timeoutMs);
        function check() {
          if (events.length < count) return;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve();
        }
        waiters.push(check);
        check();
      });
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
