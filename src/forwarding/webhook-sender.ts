import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyHttpResponse } from '../core/forwarding/attempt-result';
import { toCloudEvent } from '../core/forwarding/cloudevent';
import type { WebhookDestination } from '../core/forwarding/config';
import type { Sender } from '../core/forwarding/sender';
import { signWebhook } from '../core/forwarding/signature';
import {
  addressAllowed,
  checkWebhookUrl,
  createAddressClassifier,
  type Mode,
} from '../core/forwarding/url-safety';

export type HostResolver = (host: string) => Promise<string[]>;

export const resolveWithDns: HostResolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export interface WebhookSenderOptions {
  readonly mode: Mode;
  readonly allowedHosts: readonly string[];
  /** CloudEvents source and the prefix for dataschema. */
  readonly source: string;
  readonly schemaUri: string;
  /** Signing secrets per destination id, current first. */
  readonly secrets: Readonly<Record<string, readonly string[]>>;
  readonly resolve?: HostResolver;
  readonly userAgent?: string;
}

/**
 * Posts a CloudEvents structured JSON body signed per Standard Webhooks. Redirects are not
 * followed; the URL is checked (scheme, allow-list) and every address the host resolves to must be
 * public (loopback too in local mode) before anything is sent.
 */
export function createWebhookSender(options: WebhookSenderOptions): Sender<WebhookDestination> {
  const classifier = createAddressClassifier();
  const resolveHost = options.resolve ?? resolveWithDns;
  return {
    async send({ event, destination, now }) {
      const refused = checkWebhookUrl(destination.url, {
        mode: options.mode,
        allowedHosts: options.allowedHosts,
        classifier,
      });
      if (refused !== undefined) return { outcome: 'dead', reason: 'url_refused' };
      const secrets = options.secrets[destination.id] ?? [];
      if (secrets.length === 0) return { outcome: 'retry', reason: 'secret_missing' };

      const url = new URL(destination.url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) === 0) {
        let addresses: string[];
        try {
          addresses = await resolveHost(host);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'failed';
          return { outcome: 'retry', reason: `dns_${code}` };
        }
        const unsafe = addresses.some((a) => !addressAllowed(classifier.classify(a), options.mode));
        if (unsafe || addresses.length === 0) return { outcome: 'dead', reason: 'address_refused' };
      }

      const body = JSON.stringify(
        toCloudEvent(event, { source: options.source, schemaUri: options.schemaUri }),
      );
      const signature = signWebhook({
        id: event.id,
        timestampSeconds: now.getTime() / 1000,
        body,
        secrets,
      });
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': `${destination.contentType}; charset=utf-8`,
            'user-agent': options.userAgent ?? 'integrity-assistant-webhooks/1',
            ...signature,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(destination.timeoutMs),
        });
        // Only the status matters; the receiver's body is not read.
        await response.body?.cancel();
      } catch (error) {
        const err = error as Error & { cause?: { code?: string } };
        if (err.name === 'TimeoutError' || err.name === 'AbortError') {
          return { outcome: 'retry', reason: 'timeout' };
        }
        return { outcome: 'retry', reason: `network_${err.cause?.code ?? err.name}` };
      }
      return classifyHttpResponse(response.status, response.headers.get('retry-after'), now);
    },
  };
}
