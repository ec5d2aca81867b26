import { createHmac } from 'node:crypto';
import { decodeWebhookSecret } from './secrets';

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Standard Webhooks v1 symmetric signature: base64 HMAC-SHA256 of "id.timestamp.body" with each
 * secret, space-separated, so a receiver holding either secret verifies during a rotation.
 */
export function signWebhook(options: {
  id: string;
  timestampSeconds: number;
  body: string;
  secrets: readonly string[];
}): WebhookHeaders {
  if (options.id.includes('.')) throw new Error('webhook id must not contain "."');
  const timestamp = String(Math.floor(options.timestampSeconds));
  const signatures = options.secrets.map((secret) => {
    const key = decodeWebhookSecret(secret);
    if (key === undefined) throw new Error('invalid webhook secret');
    const mac = createHmac('sha256', key)
      .update(`${options.id}.${timestamp}.${options.body}`)
      .digest('base64');
    return `v1,${mac}`;
  });
  if (signatures.length === 0) throw new Error('no webhook secret');
  return {
    'webhook-id': options.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
  };
}
