import { z } from 'zod/v4';
import { FORM_IDS, type FormId } from './form-definition';
import { FORMS } from './forms/index';

/** What an agency may change per form without code: hide optional questions, relabel any question. */
const FormCustomisationSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Optional fields to leave off the cards (required fields cannot be hidden). */
  hiddenFields: z.array(z.string().min(1)).default([]),
  /** Field key to the label shown on the card instead of the default. */
  labels: z.record(z.string().min(1), z.string().trim().min(1).max(200)).default({}),
});

export type FormCustomisation = z.infer<typeof FormCustomisationSchema>;

const ProcurementSchema = z.strictObject({
  id: z.string().min(1).max(60),
  name: z.string().min(1).max(200),
});

export const DeclarationsConfigSchema = z
  .strictObject({
    /** Days after which an untouched draft expires. */
    draftExpiryDays: z.number().int().min(1).max(365).default(30),
    privacyNotice: z
      .strictObject({
        /** Recorded with each submission; change it whenever the notice text changes. */
        version: z.string().trim().min(1).max(40).default('2026-1'),
      })
      .prefault({}),
    gifts: z
      .strictObject({
        /** Offers worth more than this (NZD) need manager approval before they are kept. */
        managerApprovalThresholdNzd: z.number().min(0).max(100_000).default(100),
        /** Cash and cash equivalents cannot be recorded as accepted. */
        cashAlwaysDeclined: z.boolean().default(true),
        /** Window for flagging repeated offers from the same giver. */
        repeatOfferWindowMonths: z.number().int().min(1).max(60).default(12),
      })
      .prefault({}),
    /**
     * How the gift form asks about live procurements: `ask` is a yes/no question and a free-text
     * name; `list` offers the agency's live procurements to choose from.
     */
    liveProcurements: z
      .discriminatedUnion('mode', [
        z.strictObject({ mode: z.literal('ask') }),
        z.strictObject({
          mode: z.literal('list'),
          items: z.array(ProcurementSchema).min(1).max(50),
        }),
      ])
      .default({ mode: 'ask' }),
    forms: z
      .strictObject(
        Object.fromEntries(
          FORM_IDS.map((id) => [id, FormCustomisationSchema.prefault({})]),
        ) as Record<FormId, z.ZodPrefault<typeof FormCustomisationSchema>>,
      )
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    for (const id of FORM_IDS) {
      const form = FORMS[id];
      const custom = config.forms[id];
      for (const key of custom.hiddenFields) {
        const field = form.shape[key];
        const conditional = form.conditions[key];
        if (
          !field ||
          key === form.attestationField ||
          !field.safeParse(undefined).success ||
          conditional?.required === true
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['forms', id, 'hiddenFields'],
            message: `"${key}" is not an optional field of ${id}; only optional fields can be hidden`,
          });
        }
      }
      for (const key of Object.keys(custom.labels)) {
        if (!form.shape[key]) {
          ctx.addIssue({
            code: 'custom',
            path: ['forms', id, 'labels', key],
            message: `${id} has no field "${key}"`,
          });
        }
      }
    }
  });

export type DeclarationsConfig = z.infer<typeof DeclarationsConfigSchema>;
