import type { Actor } from './turn';

/** Keys that would let card data name a person: identity comes from Teams, never from a card. */
const IDENTITY_KEYS = [
  'userId',
  'declarantId',
  'aadObjectId',
  'declarant',
  'user',
  'userName',
  'from',
  'upn',
  'email',
  'actorId',
  'ownerId',
  'submittedBy',
];
const MAX_PAYLOAD_CHARS = 64 * 1024;

export type PayloadCheck =
  | { ok: true; data: Readonly<Record<string, unknown>> }
  | { ok: false; reason: 'not_object' | 'too_large' | 'identity_mismatch' };

/**
 * First look at Action.Execute data: it must be a plain object of modest size, and any field that
 * names a person must name the sender (anything else is refused as an identity mismatch). Other
 * keys, prototype keys included, are left to the strict schemas, which refuse what they don't know.
 */
export function checkPayload(data: unknown, actor: Actor): PayloadCheck {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'not_object' };
  }
  if (JSON.stringify(data).length > MAX_PAYLOAD_CHARS) return { ok: false, reason: 'too_large' };
  const record = data as Record<string, unknown>;
  for (const key of IDENTITY_KEYS) {
    if (Object.prototype.hasOwnProperty.call(record, key) && record[key] !== actor.id) {
      return { ok: false, reason: 'identity_mismatch' };
    }
  }
  return { ok: true, data: record };
}

/** A copy of the data without the given envelope keys (safe for any key, including __proto__). */
export function withoutKeys(
  data: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));
}
