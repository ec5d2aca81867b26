import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './config';

export type VerifyWebhook = (
  secrets: string | readonly string[],
  headers: Readonly<Record<string, string | string[] | undefined>>,
  rawBody: Buffer | string,
  nowSeconds?: number,
) => unknown;

let loaded: VerifyWebhook | undefined;

/**
 * The verifier integrators copy from docs/integrations.md, loaded from the document itself: tests
 * that use it prove the published example works against what the bot sends.
 */
export function docsVerifier(): VerifyWebhook {
  if (loaded) return loaded;
  const doc = readFileSync('docs/integrations.md', 'utf8');
  const section = /<!-- verifier:start -->\s*```js\n([\s\S]*?)```\s*<!-- verifier:end -->/.exec(
    doc,
  );
  if (!section?.[1]) throw new Error('verifier block not found in docs/integrations.md');
  const file = join(tempDir('docs-verifier-'), 'verify-webhook.cjs');
  writeFileSync(file, section[1]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the published example as integrators would
  const module = require(file) as { verifyWebhook: VerifyWebhook };
  loaded = module.verifyWebhook;
  return loaded;
}
