import type { z } from 'zod/v4';
import type { DeclarationsConfig, FormCustomisation } from './config';
import { formUi, type Choice, type FieldUi } from './field-ui';
import type { Answers, FormDefinition, StepDefinition } from './form-definition';
import { excludedChoices } from './policy';

export const REVIEW_STEP = 'review';

/** A form as one agency configured it: which fields show, with which labels. */
export interface ConfiguredForm {
  readonly form: FormDefinition;
  readonly ui: ReadonlyMap<string, FieldUi>;
  readonly custom: FormCustomisation;
  readonly config: DeclarationsConfig;
}

export function configureForm(form: FormDefinition, config: DeclarationsConfig): ConfiguredForm {
  return { form, ui: formUi(form), custom: config.forms[form.id], config };
}

function uiOf(cf: ConfiguredForm, key: string): FieldUi {
  const ui = cf.ui.get(key);
  if (!ui) throw new Error(`${cf.form.id} has no field ${key}`);
  return ui;
}

export function labelOf(cf: ConfiguredForm, key: string): string {
  return cf.custom.labels[key] ?? uiOf(cf, key).title;
}

export function isRequired(cf: ConfiguredForm, key: string): boolean {
  const condition = cf.form.conditions[key];
  return condition ? condition.required : !uiOf(cf, key).optional;
}

export function isVisible(cf: ConfiguredForm, key: string, answers: Answers): boolean {
  if (cf.custom.hiddenFields.includes(key)) return false;
  const condition = cf.form.conditions[key];
  return condition === undefined || condition.when(answers);
}

export function visibleFields(
  cf: ConfiguredForm,
  step: StepDefinition,
  answers: Answers,
): string[] {
  return step.fields.filter((key) => isVisible(cf, key, answers));
}

/** The steps that have something to ask for these answers, in order; the review step follows. */
export function visibleSteps(cf: ConfiguredForm, answers: Answers): StepDefinition[] {
  return cf.form.steps.filter((step) => visibleFields(cf, step, answers).length > 0);
}

/** The fields a step shows: the review step asks only for the attestation. */
export function stepFields(cf: ConfiguredForm, stepId: string, answers: Answers): string[] {
  if (stepId === REVIEW_STEP) return [cf.form.attestationField];
  const step = cf.form.steps.find((s) => s.id === stepId);
  return step ? visibleFields(cf, step, answers) : [];
}

/** Answers restricted to what the form shows for them (drops answers to questions no longer asked). */
export function cleanAnswers(cf: ConfiguredForm, answers: Answers): Record<string, unknown> {
  const keep = new Set([
    ...visibleSteps(cf, answers).flatMap((s) => visibleFields(cf, s, answers)),
    cf.form.attestationField,
  ]);
  return Object.fromEntries(
    Object.entries(answers).filter(([key, value]) => keep.has(key) && value !== undefined),
  );
}

export function choicesFor(cf: ConfiguredForm, key: string, answers: Answers): Choice[] {
  const ui = uiOf(cf, key);
  if (key === 'procurementName' && cf.config.liveProcurements.mode === 'list') {
    return cf.config.liveProcurements.items.map((p) => ({ value: p.name, title: p.name }));
  }
  const excluded = excludedChoices(cf.form, key, answers, cf.config);
  return ui.choices.filter((c) => !excluded.includes(c.value));
}

/** What the card's input type is for a field, taking agency configuration into account. */
export function inputKind(cf: ConfiguredForm, key: string): FieldUi['kind'] {
  if (key === 'procurementName' && cf.config.liveProcurements.mode === 'list') return 'choice';
  return uiOf(cf, key).kind;
}

const REQUIRED_MESSAGES: Readonly<Record<FieldUi['kind'], string>> = {
  text: 'Please fill this in.',
  multiline: 'Please fill this in.',
  date: 'Please enter a date.',
  number: 'Please enter an amount in dollars, for example 80.',
  choice: 'Please choose an option.',
  multichoice: 'Please choose at least one option.',
  toggle: 'Please confirm to continue.',
};

export function requiredMessage(cf: ConfiguredForm, key: string): string {
  return REQUIRED_MESSAGES[inputKind(cf, key)];
}

function messageFor(cf: ConfiguredForm, key: string, issue: z.core.$ZodIssue, raw: string): string {
  const ui = uiOf(cf, key);
  if (issue.code === 'too_big' && (ui.kind === 'text' || ui.kind === 'multiline')) {
    return `Please keep this to ${ui.maxLength} characters or fewer (it has ${raw.length}).`;
  }
  if (issue.code === 'too_small' && (ui.kind === 'text' || ui.kind === 'multiline'))
    return requiredMessage(cf, key);
  switch (ui.kind) {
    case 'date':
      return 'Please enter a real date.';
    case 'number':
      return `Please enter an amount in dollars between ${ui.min ?? 0} and ${ui.max ?? ''}.`;
    case 'choice':
    case 'multichoice':
      return 'Please choose from the options shown.';
    case 'toggle':
      return REQUIRED_MESSAGES.toggle;
    default:
      return 'Please check this answer.';
  }
}

export interface ParsedInputs {
  /** Typed values for the step's fields; undefined means "cleared". */
  readonly values: Record<string, unknown>;
  readonly errors: Record<string, string>;
  /** Keys that are not inputs of this step (forged or from another card). */
  readonly unexpected: string[];
  /** What the user sent, as strings, to show again beside an error. */
  readonly echo: Record<string, string>;
  /** Something no Teams client sends: a value that is not a string, or longer than the input allows. */
  readonly malformed: boolean;
}

/**
 * Checks one step's inputs as Teams sends them (strings). `complete` also requires every required
 * field; `partial` (Back, Save draft) accepts gaps but still refuses malformed values.
 */
export function parseStepInputs(
  cf: ConfiguredForm,
  keys: readonly string[],
  raw: Readonly<Record<string, unknown>>,
  mode: 'complete' | 'partial',
): ParsedInputs {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const echo: Record<string, string> = {};
  let malformed = false;
  const unexpected = Object.keys(raw).filter((key) => !keys.includes(key));
  for (const key of keys) {
    const value = raw[key];
    if (value !== undefined && typeof value !== 'string') {
      errors[key] = 'That answer was not in the expected format. Please enter it again.';
      malformed = true;
      continue;
    }
    const ui = uiOf(cf, key);
    if (value !== undefined) echo[key] = value.slice(0, (ui.maxLength ?? 200) + 50);
    const blank =
      value === undefined || value.trim() === '' || (ui.kind === 'toggle' && value === 'false');
    if (blank) {
      if (mode === 'complete' && isRequired(cf, key)) errors[key] = requiredMessage(cf, key);
      else values[key] = undefined;
      continue;
    }
    const field = cf.form.shape[key] as z.ZodType;
    const parsed = field.safeParse(value);
    if (!parsed.success) {
      if (parsed.error.issues[0]?.code === 'too_big') malformed = true;
      errors[key] = messageFor(cf, key, parsed.error.issues[0] as z.core.$ZodIssue, value);
      continue;
    }
    values[key] = parsed.data;
  }
  return { values, errors, unexpected, echo, malformed };
}

/** Applies parsed values to saved answers; undefined clears an answer. */
export function mergeAnswers(
  answers: Answers,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...answers };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** How an answer reads on the review card and in My declarations. */
export function displayValue(cf: ConfiguredForm, key: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Not answered';
  const ui = uiOf(cf, key);
  const title = (v: unknown) => ui.choices.find((c) => c.value === v)?.title ?? scalar(v);
  switch (ui.kind) {
    case 'choice':
      return title(value);
    case 'multichoice':
      return (Array.isArray(value) ? value : [value]).map(title).join('; ');
    case 'toggle':
      return value === true ? 'Yes' : 'No';
    case 'number':
      return typeof value === 'number' ? `$${value.toLocaleString('en-NZ')}` : scalar(value);
    case 'date':
      return formatDate(scalar(value));
    default:
      return scalar(value);
  }
}

export function formatDate(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat('en-NZ', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** Stored answers are strings, numbers, booleans or lists of strings; anything else shows blank. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** The value an input shows: what the user typed (after an error) or the saved answer. */
export function cardValue(cf: ConfiguredForm, key: string, value: unknown): string | number {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(scalar).join(',');
  if (typeof value === 'number' && inputKind(cf, key) === 'number') return value;
  return scalar(value);
}
