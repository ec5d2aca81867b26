import type { ForwardingConfig } from '../core/forwarding/config';
import { checkForwardingDeployment } from '../core/forwarding/deployment-checks';
import { decodeWebhookSecret, type ForwardingSecrets } from '../core/forwarding/secrets';
import type { EnvConfig } from './env';

export type SecretsResult =
  { ok: true; value: ForwardingSecrets } | { ok: false; problems: string[] };

/**
 * Reads the secrets the forwarding config names (secretEnv, previousSecretEnv, userEnv,
 * passwordEnv) and checks the deployment rules for the mode. Problems name the config path and
 * the variable, never its value.
 */
export function resolveForwardingSecrets(
  forwarding: ForwardingConfig,
  env: Readonly<Record<string, string | undefined>>,
  mode: EnvConfig['mode'],
): SecretsResult {
  const problems = checkForwardingDeployment(forwarding, mode);
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const webhooks: Record<string, string[]> = {};
  forwarding.destinations.forEach((destination, i) => {
    if (destination.type !== 'webhook') return;
    const secrets: string[] = [];
    for (const key of ['secretEnv', 'previousSecretEnv'] as const) {
      const name = destination[key];
      if (name === undefined) continue;
      const value = read(name);
      const path = `forwarding.destinations[${i}].${key}`;
      // A webhook without its secret cannot be signed, and unsigned delivery is never an option.
      if (value === undefined) problems.push(`${path}: environment variable ${name} is not set`);
      else if (decodeWebhookSecret(value) === undefined)
        problems.push(`${path}: ${name} must be whsec_ followed by base64 of 24 to 64 bytes`);
      else secrets.push(value);
    }
    webhooks[destination.id] = secrets;
  });
  let smtp: ForwardingSecrets['smtp'];
  if (forwarding.smtp) {
    const { userEnv, passwordEnv } = forwarding.smtp;
    if ((userEnv === undefined) !== (passwordEnv === undefined)) {
      problems.push('forwarding.smtp: set both userEnv and passwordEnv, or neither');
    } else if (userEnv !== undefined && passwordEnv !== undefined) {
      const user = read(userEnv);
      const pass = read(passwordEnv);
      if (user === undefined)
        problems.push(`forwarding.smtp.userEnv: environment variable ${userEnv} is not set`);
      if (pass === undefined)
        problems.push(
          `forwarding.smtp.passwordEnv: environment variable ${passwordEnv} is not set`,
        );
      if (user !== undefined && pass !== undefined) smtp = { user, pass };
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: smtp ? { webhooks, smtp } : { webhooks } };
}
