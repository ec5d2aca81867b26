/** Secrets resolved from the environment in src/config and handed to the senders; never in the file. */
export interface ForwardingSecrets {
  /** Per webhook destination id: the signing secrets, current first (`whsec_<base64>`). */
  readonly webhooks: Readonly<Record<string, readonly string[]>>;
  readonly smtp?: { readonly user: string; readonly pass: string };
}

export const NO_FORWARDING_SECRETS: ForwardingSecrets = { webhooks: {} };

/** Standard Webhooks symmetric secrets: `whsec_` + base64 of 24 to 64 random bytes. */
export function decodeWebhookSecret(secret: string): Buffer | undefined {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret.trim());
  if (!match?.[1]) return undefined;
  const key = Buffer.from(match[1], 'base64');
  return key.length >= 24 && key.length <= 64 ? key : undefined;
}
