import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { OutboundEventTypes, type OutboundEvent } from '../forwarding/outbound-event';
import type { FormDefinition } from './form-definition';
import { FORMS } from './forms/index';
import { REFERENCE_PATTERN } from './reference';

const DeclarantSchema = z
  .strictObject({
    id: z.string().min(1).meta({ description: 'Entra object id, from Teams' }),
    name: z.string().min(1).meta({ description: 'Display name, from Teams' }),
  })
  .meta({ title: 'Declarant' });

export const PolicyFlagsSchema = z
  .strictObject({
    managerApprovalRequired: z.boolean().optional(),
    cashOffer: z.boolean().optional(),
    conflictOfInterestOpened: z.boolean().optional(),
    repeatOffersFromGiver: z.int().min(0).optional(),
    approvedInAdvance: z.boolean().optional(),
  })
  .meta({ title: 'Policy rules that applied', description: "From the agency's configured rules." });

const common = {
  reference: z.string().regex(REFERENCE_PATTERN).meta({ description: 'e.g. GIF-2026-000042' }),
  declarationId: z.uuid().meta({ description: 'Stable across versions; the ordering key' }),
  version: z.int().min(1),
  declarant: DeclarantSchema,
};

/** The payload forwarded when a declaration is submitted or updated: the form's answers plus context. */
export function payloadSchemaFor(form: FormDefinition) {
  return z
    .strictObject({
      schemaId: z.literal(form.schemaId),
      form: z.literal(form.id),
      ...common,
      versionId: z.uuid(),
      previousVersionId: z.uuid().optional().meta({ description: 'The version this one replaces' }),
      submittedAt: z.iso.datetime(),
      privacyNoticeVersion: z.string().min(1),
      answers: form.schema,
      policy: PolicyFlagsSchema,
    })
    .meta({ title: form.title, description: `${form.description} Schema ${form.schemaId}.` });
}

export const WITHDRAWN_SCHEMA_ID = 'declaration-withdrawn@1';

export const WithdrawnPayloadSchema = z
  .strictObject({
    schemaId: z.literal(WITHDRAWN_SCHEMA_ID),
    form: z.enum(Object.keys(FORMS) as [string, ...string[]]),
    ...common,
    withdrawnAt: z.iso.datetime(),
    reason: z.string().min(1).max(500),
  })
  .meta({
    title: 'Declaration withdrawn',
    description: 'Sent when a declarant withdraws a declaration. It is kept, never deleted.',
  });

/** The published JSON Schemas, by file name (schemas/<name>.json). */
export function publishedSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const form of Object.values(FORMS)) {
    out[`${form.id}.v${form.version}`] = z.toJSONSchema(payloadSchemaFor(form), { io: 'output' });
  }
  out['declaration-withdrawn.v1'] = z.toJSONSchema(WithdrawnPayloadSchema, { io: 'output' });
  return out;
}

export function declarationEvent(
  type: 'submitted' | 'updated' | 'withdrawn',
  form: FormDefinition,
  data: Readonly<Record<string, unknown>> & { reference: string; declarationId: string },
  occurredAt: Date,
): OutboundEvent {
  return {
    id: randomUUID(),
    type: OutboundEventTypes[type],
    subject: data.reference,
    form: form.id,
    schemaId: type === 'withdrawn' ? WITHDRAWN_SCHEMA_ID : form.schemaId,
    occurredAt,
    orderingKey: data.declarationId,
    data,
  };
}
