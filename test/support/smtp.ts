import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string | undefined;
  readonly to: string[];
  /** The whole message as it crossed the wire (headers and body). */
  readonly raw: string;
  readonly user: string | undefined;
}

export interface TestSmtpServer {
  readonly host: string;
  readonly port: number;
  readonly mails: ReceivedMail[];
  /** The next `times` messages are refused with this SMTP reply code (e.g. 451 or 550). */
  failNext(times: number, code: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (no TLS), optionally requiring a login. */
export async function startSmtpServer(
  options: { user?: string; pass?: string } = {},
): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const failures: number[] = [];
  const requireAuth = options.user !== undefined;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: requireAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !requireAuth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = failures.shift();
        if (code !== undefined) {
          const error = new Error('refused by test') as Error & { responseCode: number };
          error.responseCode = code;
          callback(error);
          return;
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    host: '127.0.0.1',
    port,
    mails,
    failNext(times, code) {
      for (let i = 0; i < times; i += 1) failures.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
