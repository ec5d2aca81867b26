import { createSign, generateKeyPairSync } from 'node:crypto';
import type sinon from 'sinon';
// The Bot Framework's signing-key lookup is the one edge the tests cannot reach (login.botframework.com).
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';

export const TEST_KEY_ID = 'test-signing-key';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** Serves our test public key as if the Bot Framework published it, for one test. */
export function stubBotFrameworkKeys(sandbox: sinon.SinonSandbox): void {
  sandbox
    .stub(OpenIdMetadata.prototype, 'getKey')
    .callsFake((keyId: string) =>
      Promise.resolve(keyId === TEST_KEY_ID ? { key: publicPem, endorsements: ['msteams'] } : null),
    );
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface TokenOptions {
  appId: string;
  serviceUrl: string;
  issuer?: string;
  keyId?: string;
  expiresInSeconds?: number;
  /** Sign with a key nobody published. */
  forgedKey?: boolean;
}

/** A channel-to-bot JWT as the Bot Framework would issue it, signed with the test key. */
export function channelToken(options: TokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: options.keyId ?? TEST_KEY_ID });
  const payload = b64({
    iss: options.issuer ?? 'https://api.botframework.com',
    aud: options.appId,
    nbf: now - 60,
    exp: now + (options.expiresInSeconds ?? 600),
    serviceurl: options.serviceUrl,
  });
  const key = options.forgedKey
    ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    : privateKey;
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${payload}`)
    .sign(key)
    .toString('base64url');
  return `${header}.${payload}.${signature}`;
}
