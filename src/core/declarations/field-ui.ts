import { z } from 'zod/v4';
import type { FormDefinition } from './form-definition';
import { SHORT_TEXT_MAX } from './fields';

/** How a card asks for a field, derived from the field's own schema (its JSON Schema). */
export type InputKind =
  'text' | 'multiline' | 'date' | 'number' | 'choice' | 'multichoice' | 'toggle';

export interface Choice {
  readonly value: string;
  readonly title: string;
}

export interface FieldUi {
  readonly key: string;
  readonly kind: InputKind;
  /** The default label (the schema's title). */
  readonly title: string;
  readonly optional: boolean;
  readonly choices: readonly Choice[];
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
}

interface JsonSchemaNode {
  type?: string;
  format?: string;
  title?: string;
  const?: unknown;
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

function choicesOf(node: JsonSchemaNode | undefined): Choice[] {
  return (node?.anyOf ?? []).map((option) => ({
    value: String(option.const),
    title: option.title ?? String(option.const),
  }));
}

export function fieldUi(key: string, field: z.ZodType): FieldUi {
  const optional = field.safeParse(undefined).success;
  const node = z.toJSONSchema(optional && field instanceof z.ZodOptional ? field.unwrap() : field, {
    io: 'output',
  }) as JsonSchemaNode;
  const title = node.title ?? key;
  const base = { key, title, optional };
  if (node.anyOf) return { ...base, kind: 'choice', choices: choicesOf(node) };
  if (node.type === 'array')
    return { ...base, kind: 'multichoice', choices: choicesOf(node.items) };
  if (node.type === 'boolean') return { ...base, kind: 'toggle', choices: [] };
  if (node.type === 'number' || node.type === 'integer') {
    return {
      ...base,
      kind: 'number',
      choices: [],
      ...(node.minimum === undefined ? {} : { min: node.minimum }),
      ...(node.maximum === undefined ? {} : { max: node.maximum }),
    };
  }
  if (node.format === 'date') return { ...base, kind: 'date', choices: [] };
  const maxLength = node.maxLength ?? SHORT_TEXT_MAX;
  return {
    ...base,
    kind: maxLength > SHORT_TEXT_MAX ? 'multiline' : 'text',
    choices: [],
    maxLength,
  };
}

/** The inputs of every field of a form, keyed by field. */
export function formUi(form: FormDefinition): ReadonlyMap<string, FieldUi> {
  return new Map(Object.entries(form.shape).map(([key, field]) => [key, fieldUi(key, field)]));
}
