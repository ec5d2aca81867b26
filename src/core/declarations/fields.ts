import { z } from 'zod/v4';

/**
 * Field builders for the form schemas. Each returns a plain zod schema with a `title` (the default
 * label) so the card, the JSON Schema and the validation all read the same definition. Teams sends
 * every input as a string: the preprocessors turn "" into "not answered", "true"/"false" into
 * booleans, numeric strings into numbers and comma-separated choices into arrays, and leave typed
 * values (from a stored draft) as they are.
 */

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 2000;
export const MONEY_MAX = 10_000_000;

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const toNumber = (value: unknown): unknown => {
  const v = blankToUndefined(value);
  return typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
};

const toList = (value: unknown): unknown => {
  const v = blankToUndefined(value);
  return typeof v === 'string'
    ? v
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
    : v;
};

const toBoolean = (value: unknown): unknown =>
  value === 'true' ? true : value === 'false' ? false : blankToUndefined(value);

interface TextOptions {
  description?: string;
  max?: number;
}

/** Single-line text; the card renders it multi-line when `max` is over SHORT_TEXT_MAX. */
export function text(title: string, options: TextOptions = {}) {
  return z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .min(1)
        .max(options.max ?? SHORT_TEXT_MAX),
    )
    .meta({ title, ...(options.description ? { description: options.description } : {}) });
}

export function longText(title: string, options: Omit<TextOptions, 'max'> = {}) {
  return text(title, { ...options, max: LONG_TEXT_MAX });
}

/** A calendar date as Teams' date input sends it (YYYY-MM-DD), within a plausible range. */
export function date(title: string, description?: string) {
  return z
    .preprocess(
      blankToUndefined,
      z.iso.date().refine((d) => d >= '1950-01-01' && d <= '2100-12-31', 'Enter a real date'),
    )
    .meta({ title, ...(description ? { description } : {}) });
}

export function money(title: string, description?: string) {
  return z.preprocess(toNumber, z.number().min(0).max(MONEY_MAX)).meta({
    title,
    ...(description ? { description } : {}),
  });
}

/** A single choice; each option carries its own title, which the card and JSON Schema show. */
export function choice<const V extends string>(
  title: string,
  options: readonly (readonly [V, string])[],
  description?: string,
) {
  const literals = options.map(([value, label]) => z.literal(value).meta({ title: label }));
  return z
    .preprocess(
      blankToUndefined,
      z.union(literals as unknown as [z.ZodLiteral<V>, z.ZodLiteral<V>, ...z.ZodLiteral<V>[]]),
    )
    .meta({ title, ...(description ? { description } : {}) });
}

export const YES_NO = [
  ['yes', 'Yes'],
  ['no', 'No'],
] as const;

export function yesNo(title: string, description?: string) {
  return choice(title, YES_NO, description);
}

export function multiChoice<const V extends string>(
  title: string,
  options: readonly (readonly [V, string])[],
  description?: string,
) {
  const literals = options.map(([value, label]) => z.literal(value).meta({ title: label }));
  return z
    .preprocess(
      toList,
      z
        .array(
          z.union(literals as unknown as [z.ZodLiteral<V>, z.ZodLiteral<V>, ...z.ZodLiteral<V>[]]),
        )
        .min(1)
        .max(options.length),
    )
    .meta({ title, ...(description ? { description } : {}) });
}

/** A statement the declarant must confirm (a toggle that has to be on). */
export function attestation(title: string) {
  return z.preprocess(toBoolean, z.literal(true)).meta({ title });
}

export interface FieldMeta {
  readonly title?: string;
  readonly description?: string;
}

/** The title and description of a field, looking through `.optional()`. */
export function metaOf(field: z.ZodType): FieldMeta {
  const own = field.meta() as FieldMeta | undefined;
  if (own?.title !== undefined) return own;
  if (field instanceof z.ZodOptional) return { ...metaOf(field.unwrap() as z.ZodType), ...own };
  return own ?? {};
}
