import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from './log';

export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  handleMessages: (req: Request, res: Response) => Promise<void>;
  /** Each named check must pass for /readyz to answer 200. */
  readiness: () => Promise<Record<string, boolean>>;
  log: Logger;
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<{ port: number; host: string }>;
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

function sendJson(res: Response, status: number, body: object): void {
  res.status(status);
  res.json(body);
}

export function createServer(deps: ServerDeps): HttpServer {
  const server = restify.createServer({
    name: 'integrity-assistant',
    handleUncaughtExceptions: false,
  });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let closing = false;

  server.get('/healthz', (_req, res, next) => {
    sendJson(res, 200, { status: 'ok' });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const checks = await deps.readiness();
    const ready = !closing && Object.values(checks).every(Boolean);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
  });

  server.post(
    '/api/messages',
    // Refused before a byte of the body is parsed: wrong type, or a declared length over the limit.
    (req, res, next) => {
      if (closing) return sendJson(res, 503, { error: 'shutting_down' });
      if (!req.is('application/json'))
        return sendJson(res, 415, { error: 'unsupported_media_type' });
      if (Number(req.header('content-length', '0')) > MAX_BODY_BYTES) {
        return sendJson(res, 413, { error: 'payload_too_large' });
      }
      return next();
    },
    // jsonBodyParser passes maxBodySize to its body reader; the type definitions omit it.
    restify.plugins.jsonBodyParser({
      maxBodySize: MAX_BODY_BYTES,
      mapParams: false,
    } as restify.plugins.JsonBodyParserOptions),
    async (req, res) => {
      inFlight += 1;
      try {
        await deps.handleMessages(req, res);
      } catch (error) {
        const err = error instanceof Error ? error : new Error('non-error thrown');
        deps.log.error({ errName: err.name }, 'message handling failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      } finally {
        inFlight -= 1;
        if (inFlight === 0) drained?.();
      }
    },
  );

  // restify's own errors (bad JSON, too large while streaming) as JSON without echoing the input.
  server.on(
    'restifyError',
    (_req: Request, res: Response, err: { statusCode?: number; name?: string }, cb: () => void) => {
      res.json(err.statusCode ?? 500, { error: err.name ?? 'error' });
      cb();
    },
  );

  return {
    server,
    listen(port, host) {
      return new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolveListen({ port: address.port, host: address.address });
        });
      });
    },
    async close(graceMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
      });
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolveDrain) => (drained = resolveDrain)),
          new Promise<void>((resolveTimeout) => setTimeout(resolveTimeout, graceMs).unref()),
        ]);
      }
      server.server.closeIdleConnections?.();
      await stopped;
    },
  };
}
