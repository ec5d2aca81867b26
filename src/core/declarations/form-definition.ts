import { z } from 'zod/v4';
import { metaOf } from './fields';

export const FORM_IDS = [
  'conflict-of-interest',
  'gift-hospitality',
  'secondary-employment',
  'koha-given',
] as const;
export const FormIdSchema = z.enum(FORM_IDS);
export type FormId = z.infer<typeof FormIdSchema>;

/** Keys the wizard puts in card data itself; no form field may use them. */
export const RESERVED_KEYS = ['draftId', 'rev', 'form', 'declarationId', 'verb'] as const;

export type Answers = Readonly<Record<string, unknown>>;

export interface StepDefinition {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly fields: readonly string[];
}

export interface Condition {
  /** The field is shown only when this holds for the answers so far (from earlier steps). */
  readonly when: (answers: Answers) => boolean;
  /** Whether the field must be answered when it is shown. */
  readonly required: boolean;
  /** Published in the JSON Schema description, e.g. "Required when status is accepted". */
  readonly rule: string;
}

export interface FormDefinition {
  readonly id: FormId;
  readonly version: number;
  /** e.g. gift-hospitality@1: the published JSON Schema is schemas/gift-hospitality.v1.json. */
  readonly schemaId: string;
  readonly referencePrefix: string;
  readonly title: string;
  /** Used in sentences: "your unfinished gift declaration". */
  readonly noun: string;
  readonly description: string;
  /** One schema per field: the single source for validation, labels, inputs and the JSON Schema. */
  readonly shape: Readonly<Record<string, z.ZodType>>;
  /** The whole form: strict (no unknown keys) with conditional requirements. */
  readonly schema: z.ZodType<Record<string, unknown>>;
  readonly steps: readonly StepDefinition[];
  readonly conditions: Readonly<Record<string, Condition>>;
  /** The field every declaration confirms on the review step. */
  readonly attestationField: string;
  readonly whatHappensNext: readonly string[];
}

type Spec = Omit<FormDefinition, 'schema' | 'schemaId' | 'version'> & { version?: number };

/** Builds the strict form schema from its fields and checks the definition is self-consistent. */
export function defineForm(spec: Spec): FormDefinition {
  const version = spec.version ?? 1;
  const keys = Object.keys(spec.shape);
  const placed = spec.steps.flatMap((s) => s.fields);
  for (const key of keys) {
    if ((RESERVED_KEYS as readonly string[]).includes(key))
      throw new Error(`${spec.id}: field ${key} uses a reserved name`);
  }
  const missing = keys.filter((k) => k !== spec.attestationField && !placed.includes(k));
  const unknown = placed.filter((k) => !keys.includes(k));
  if (missing.length > 0 || unknown.length > 0 || new Set(placed).size !== placed.length) {
    throw new Error(
      `${spec.id}: steps must place every field once (${[...missing, ...unknown].join(', ')})`,
    );
  }
  for (const key of Object.keys(spec.conditions)) {
    if (!spec.shape[key]?.safeParse(undefined).success)
      throw new Error(`${spec.id}: conditional field ${key} must be optional in the schema`);
  }
  const described: Record<string, z.ZodType> = {};
  for (const key of keys) {
    const field = spec.shape[key] as z.ZodType;
    const condition = spec.conditions[key];
    described[key] = condition
      ? field.meta({ ...metaOf(field), description: describe(field, condition.rule) })
      : field;
  }
  const schema = z.strictObject(described).superRefine((answers, ctx) => {
    for (const [key, condition] of Object.entries(spec.conditions)) {
      if (condition.required && condition.when(answers) && answers[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Required for these answers' });
      }
    }
  }) as unknown as z.ZodType<Record<string, unknown>>;
  return { ...spec, version, schemaId: `${spec.id}@${version}`, shape: described, schema };
}

function describe(field: z.ZodType, rule: string): string {
  const existing = metaOf(field).description;
  return existing ? `${existing} ${rule}.` : `${rule}.`;
}

/** Reads an answer as a string, for conditions. */
export function answer(answers: Answers, key: string): string | undefined {
  const value = answers[key];
  return typeof value === 'string' ? value : undefined;
}
