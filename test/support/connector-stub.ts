import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One request the bot made to the Bot Connector. */
export interface ConnectorRequest {
  readonly method: string;
  readonly path: string;
  /** Decoded conversation id from the path. */
  readonly conversationId: string;
  /** For PUT (update) and reply-to POSTs: the activity id in the path. */
  readonly activityId?: string;
  readonly authorization?: string;
  readonly body: Partial<Activity> | undefined;
  /** What the stub answered. */
  readonly status: number;
  /** When the request arrived (ms since the epoch). */
  readonly at: number;
}

interface Failure {
  readonly match: (request: { method: string; conversationId: string }) => boolean;
  readonly status: number;
  readonly headers: Record<string, string>;
  times: number;
}

export interface ConnectorStub {
  /** Use as the activities' serviceUrl (ends with a slash, as Teams sends it). */
  readonly url: string;
  readonly requests: ConnectorRequest[];
  /** Successful new activities (POST .../activities), optionally for conversations with this prefix. */
  posts(conversationPrefix?: string): ConnectorRequest[];
  /** Successful updates (PUT .../activities/{id}). */
  updates(conversationPrefix?: string): ConnectorRequest[];
  /** Answers `status` (with headers such as Retry-After) to the next `times` matching requests. */
  failNext(
    options: { conversationPrefix?: string; method?: 'POST' | 'PUT'; times?: number },
    status: number,
    headers?: Record<string, string>,
  ): void;
  /** Team members the stub knows (GET /v3/conversations/{teamId}/members/{userId}). */
  addTeamMember(teamId: string, member: { id: string; aadObjectId: string; name: string }): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A local Bot Connector on loopback: records what the bot posts and updates, and can answer 429
 * with Retry-After, 403, 404 or any status, as Teams would.
 */
export async function startConnectorStub(): Promise<ConnectorStub> {
  const requests: ConnectorRequest[] = [];
  const failures: Failure[] = [];
  const members = new Map<string, { id: string; aadObjectId: string; name: string }>();
  let nextId = 1;

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const method = req.method ?? 'GET';
    const member = MEMBER.exec(path);
    if (method === 'GET' && member !== null) {
      const teamId = decodeURIComponent(member[1] ?? '');
      const found = members.get(`${teamId}|${decodeURIComponent(member[2] ?? '')}`);
      requests.push({
        method,
        path,
        conversationId: teamId,
        body: undefined,
        status: found === undefined ? 404 : 200,
        at: Date.now(),
      });
      return found === undefined
        ? send(res, 404, { error: { code: 'MemberNotFoundInConversation' } })
        : send(res, 200, found);
    }
    const match = ACTIVITIES.exec(path);
    if (match === null) return send(res, 404, { error: { code: 'NotFound' } });
    const conversationId = decodeURIComponent(match[1] ?? '');
    const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    let body: Partial<Activity> | undefined;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as Partial<Activity>);
    } catch {
      body = undefined;
    }
    const failure = failures.find((f) => f.times > 0 && f.match({ method, conversationId }));
    const status = failure?.status ?? (method === 'PUT' ? 200 : 201);
    requests.push({
      method,
      path,
      conversationId,
      ...(activityId === undefined ? {} : { activityId }),
      ...(req.headers.authorization === undefined
        ? {}
        : { authorization: req.headers.authorization }),
      body,
      status,
      at: Date.now(),
    });
    if (failure !== undefined) {
      failure.times -= 1;
      const code = {
        403: 'BotNotInConversationRoster',
        404: 'ConversationNotFound',
        429: 'Throttled',
      }[failure.status];
      return send(
        res,
        failure.status,
        { error: { code: code ?? 'ServiceError' } },
        failure.headers,
      );
    }
    return send(res, status, { id: method === 'PUT' ? activityId : `stub-${nextId++}` });
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const ok = (r: ConnectorRequest) => r.status < 300;
  const under = (prefix: string | undefined) => (r: ConnectorRequest) =>
    prefix === undefined || r.conversationId.startsWith(prefix);
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    posts: (prefix) => requests.filter((r) => r.method === 'POST' && ok(r) && under(prefix)(r)),
    updates: (prefix) => requests.filter((r) => r.method === 'PUT' && ok(r) && under(prefix)(r)),
    failNext(options, status, headers = {}) {
      failures.push({
        match: ({ method, conversationId }) =>
          (options.method === undefined || options.method === method) &&
          (options.conversationPrefix === undefined ||
            conversationId.startsWith(options.conversationPrefix)),
        status,
        headers,
        times: options.times ?? 1,
      });
    },
    addTeamMember(teamId, member) {
      members.set(`${teamId}|${member.id}`, member);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
