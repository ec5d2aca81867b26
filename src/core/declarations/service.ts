import { randomUUID } from 'node:crypto';
import type { DeclarationsConfig } from './config';
import { summariseDelivery, type DeliverySummary } from './delivery';
import type { Choice } from './field-ui';
import { FORM_IDS, type Answers, type FormDefinition, type FormId } from './form-definition';
import { FORMS } from './forms/index';
import { declarationEvent, payloadSchemaFor } from './payload';
import {
  giverKey,
  opensConflictOfInterest,
  policyFlags,
  policyIssues,
  policyNotes,
} from './policy';
import { nzYear } from './reference';
import type { DeclarationRecord, DeclarationRepository, DraftRecord } from './repository';
import { prefillConflictOfInterest } from './prefill';
import {
  REVIEW_STEP,
  cardValue,
  choicesFor,
  cleanAnswers,
  configureForm,
  displayValue,
  inputKind,
  isRequired,
  labelOf,
  mergeAnswers,
  parseStepInputs,
  requiredMessage,
  stepFields,
  visibleFields,
  visibleSteps,
  type ConfiguredForm,
} from './wizard';
import { WithdrawInputSchema } from './withdraw';

/** The person acting, from Teams (never from card data). */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

export interface FieldView {
  readonly key: string;
  readonly kind: ReturnType<typeof inputKind>;
  readonly label: string;
  readonly required: boolean;
  readonly requiredMessage: string;
  readonly value: string | number;
  /** '' when the field is fine. */
  readonly error: string;
  readonly choices: readonly Choice[];
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface Fact {
  readonly title: string;
  readonly value: string;
}

export interface StepView {
  readonly form: FormDefinition;
  readonly draftId: string;
  readonly rev: number;
  readonly stepId: string;
  readonly title: string;
  readonly intro: string;
  readonly stepNumber: number;
  readonly stepCount: number;
  readonly isReview: boolean;
  readonly canGoBack: boolean;
  readonly fields: readonly FieldView[];
  /** Review step: every answer, by step. */
  readonly review: readonly { title: string; facts: readonly Fact[] }[];
  readonly notes: readonly string[];
  /** A message for the whole card ('' for none). */
  readonly banner: string;
  /** Set when this draft updates an earlier declaration. */
  readonly updating?: string;
}

export interface Receipt {
  readonly form: FormDefinition;
  readonly declarationId: string;
  readonly reference: string;
  readonly version: number;
  readonly submittedAt: Date;
  readonly delivery: DeliverySummary;
  readonly notes: readonly string[];
  /** The conflict of interest draft opened from a gift, if one was. */
  readonly followUpDraftId?: string;
}

export type WizardOutcome =
  | {
      kind: 'step';
      view: StepView;
      /** Why the inputs were refused (nothing was stored). */
      rejected?: 'unexpected_fields' | 'malformed' | 'invalid_values';
      storeError?: unknown;
    }
  | { kind: 'resume_offer'; form: FormDefinition; draft: DraftRecord }
  | { kind: 'notice'; form: FormDefinition; updateOf?: string }
  | { kind: 'saved'; form: FormDefinition; draft: DraftRecord }
  | { kind: 'cancelled'; form: FormDefinition }
  | { kind: 'submitted'; receipt: Receipt; duplicate: boolean }
  | { kind: 'already_submitted'; form: FormDefinition; reference: string; declarationId: string }
  | { kind: 'expired'; form: FormDefinition }
  | { kind: 'withdrawn'; reference: string }
  | { kind: 'not_found' }
  | { kind: 'forbidden' };

export type StepVerb = 'next' | 'back' | 'save' | 'cancel' | 'submit';

export interface ListItem {
  readonly declarationId: string;
  readonly reference: string;
  readonly formTitle: string;
  readonly date: Date;
  readonly version: number;
  readonly status: string;
}

export interface Detail {
  readonly record: DeclarationRecord;
  readonly form: FormDefinition;
  readonly facts: readonly Fact[];
  readonly delivery: DeliverySummary;
  readonly history: readonly Fact[];
}

export type WithdrawOutcome =
  | { kind: 'withdrawn'; detail: Detail; already: boolean }
  | {
      kind: 'invalid';
      declarationId: string;
      reference: string;
      error: string;
      echo: string;
      /** Not something a Teams client sends (unknown keys, wrong type, over-long). */
      malformed: boolean;
    }
  | { kind: 'not_found' }
  | { kind: 'forbidden' };

export interface DeclarationServiceDeps {
  readonly repo: DeclarationRepository;
  readonly config: DeclarationsConfig;
  readonly clock: () => Date;
  /** Forwarding destination ids for a form (until forwarding provides its router). */
  readonly routeFor: (form: FormId) => readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const STALE_BANNER =
  'That card was out of date, so nothing was changed. Here is where you are up to.';
const STORE_BANNER =
  "Sorry, I couldn't save that just now. Your draft is kept: please try again in a moment.";
const UNEXPECTED_BANNER =
  "This card sent information I didn't expect, so nothing was saved. Please check your answers and try again.";
const INVALID_BANNER = 'Some answers need another look: see the messages below each question.';

export type DeclarationService = ReturnType<typeof createDeclarationService>;

export function createDeclarationService(deps: DeclarationServiceDeps) {
  const { repo, config, clock } = deps;
  const configured = new Map<FormId, ConfiguredForm>(
    FORM_IDS.map((id) => [id, configureForm(FORMS[id], config)]),
  );
  const cfOf = (form: FormId): ConfiguredForm => configured.get(form) as ConfiguredForm;
  const expiry = (now: Date) => new Date(now.getTime() + config.draftExpiryDays * DAY_MS);

  async function repeatOffers(
    cf: ConfiguredForm,
    userId: string,
    answers: Answers,
    exclude?: string,
  ) {
    if (cf.form.id !== 'gift-hospitality') return 0;
    const key = giverKey(answers);
    if (key === undefined) return 0;
    const since = new Date(clock());
    since.setUTCMonth(since.getUTCMonth() - config.gifts.repeatOfferWindowMonths);
    const recent = await repo.recentAnswers(userId, cf.form.id, since);
    return recent.filter((r) => r.id !== exclude && giverKey(r.answers) === key).length;
  }

  async function view(
    draft: DraftRecord,
    extra: { errors?: Record<string, string>; echo?: Record<string, string>; banner?: string } = {},
  ): Promise<StepView> {
    const cf = cfOf(draft.form);
    const answers = draft.answers;
    const steps = visibleSteps(cf, answers);
    const index = steps.findIndex((s) => s.id === draft.stepId);
    const isReview = draft.stepId === REVIEW_STEP;
    const step = steps[index];
    const keys = stepFields(cf, draft.stepId, answers);
    const fields = keys.map((key): FieldView => {
      const ui = cf.ui.get(key);
      return {
        key,
        kind: inputKind(cf, key),
        label: labelOf(cf, key),
        required: isRequired(cf, key),
        requiredMessage: requiredMessage(cf, key),
        value: extra.echo?.[key] ?? cardValue(cf, key, answers[key]),
        error: extra.errors?.[key] ?? '',
        choices: choicesFor(cf, key, answers),
        ...(ui?.maxLength === undefined ? {} : { maxLength: ui.maxLength }),
        ...(ui?.min === undefined ? {} : { min: ui.min }),
        ...(ui?.max === undefined ? {} : { max: ui.max }),
      };
    });
    const review = isReview
      ? steps.map((s) => ({
          title: s.title,
          facts: visibleFields(cf, s, answers).map((key) => ({
            title: labelOf(cf, key),
            value: displayValue(cf, key, answers[key]),
          })),
        }))
      : [];
    const context = {
      repeatOffers: await repeatOffers(cf, draft.userId, answers, draft.baseDeclarationId),
    };
    return {
      form: cf.form,
      draftId: draft.id,
      rev: draft.rev,
      stepId: draft.stepId,
      title: isReview ? 'Check your answers' : (step?.title ?? ''),
      intro: isReview
        ? 'Check every answer. Use Back to change anything, then confirm and submit.'
        : (step?.intro ?? ''),
      stepNumber: isReview ? steps.length + 1 : index + 1,
      stepCount: steps.length + 1,
      isReview,
      canGoBack: isReview ? steps.length > 0 : index > 0,
      fields,
      review,
      notes: policyNotes(cf.form, answers, config, context),
      banner: extra.banner ?? '',
      ...(draft.baseDeclarationId && draft.reference ? { updating: draft.reference } : {}),
    };
  }

  /** Loads a draft the actor may act on, or says why not. */
  async function loadDraft(
    actor: Actor,
    draftId: string,
  ): Promise<{ draft: DraftRecord } | { outcome: WizardOutcome }> {
    const draft = await repo.findDraft(draftId);
    if (!draft) return { outcome: { kind: 'not_found' } };
    if (draft.userId !== actor.id) return { outcome: { kind: 'forbidden' } };
    const form = FORMS[draft.form];
    if (draft.status === 'submitted') {
      return {
        outcome: {
          kind: 'already_submitted',
          form,
          reference: draft.reference ?? '',
          declarationId: draft.declarationId ?? '',
        },
      };
    }
    if (draft.expiresAt.getTime() <= clock().getTime()) {
      await repo.deleteDraft(draft.id);
      return { outcome: { kind: 'expired', form } };
    }
    return { draft };
  }

  async function receiptOf(
    record: DeclarationRecord,
    followUpDraftId: string | undefined,
  ): Promise<Receipt> {
    const rows = (await repo.deliveryRows([record.id])).get(record.id) ?? [];
    const current = record.versions[record.versions.length - 1];
    const cf = cfOf(record.form);
    const answers = current?.answers ?? {};
    return {
      form: cf.form,
      declarationId: record.id,
      reference: record.reference,
      version: record.currentVersion,
      submittedAt: current?.submittedAt ?? record.updatedAt,
      delivery: summariseDelivery(rows, record.status === 'withdrawn'),
      notes: policyNotes(cf.form, answers, config, { repeatOffers: 0 }).filter(
        (n) => !n.startsWith('You have declared'),
      ),
      ...(followUpDraftId === undefined ? {} : { followUpDraftId }),
    };
  }

  async function createDraft(
    actor: Actor,
    form: FormId,
    answers: Answers,
    base?: DeclarationRecord,
  ): Promise<{ ok: true; draft: DraftRecord } | { ok: false; existing: DraftRecord }> {
    const now = clock();
    const cf = cfOf(form);
    const first = visibleSteps(cf, answers)[0]?.id ?? REVIEW_STEP;
    const draft: DraftRecord = {
      id: randomUUID(),
      userId: actor.id,
      form,
      stepId: first,
      rev: 1,
      answers,
      privacyNoticeVersion: config.privacyNotice.version,
      status: 'active',
      ...(base ? { baseDeclarationId: base.id, reference: base.reference } : {}),
      createdAt: now,
      updatedAt: now,
      expiresAt: expiry(now),
    };
    const created = await repo.createDraft(draft);
    return created.ok ? { ok: true, draft } : { ok: false, existing: created.existing };
  }

  async function checkBase(
    actor: Actor,
    form: FormId,
    updateOf: string | undefined,
  ): Promise<{ base?: DeclarationRecord } | { outcome: WizardOutcome }> {
    if (updateOf === undefined) return {};
    const base = await repo.findForUser(updateOf, actor.id);
    if (!base) {
      return { outcome: { kind: (await repo.exists(updateOf)) ? 'forbidden' : 'not_found' } };
    }
    if (base.form !== form) return { outcome: { kind: 'not_found' } };
    if (base.status === 'withdrawn')
      return { outcome: { kind: 'withdrawn', reference: base.reference } };
    return { base };
  }

  async function submit(
    actor: Actor,
    cf: ConfiguredForm,
    draft: DraftRecord,
    answers: Answers,
  ): Promise<WizardOutcome> {
    const cleaned = cleanAnswers(cf, answers);
    const full = cf.form.schema.safeParse(cleaned);
    if (!full.success) {
      // Only reachable when the configuration changed under a draft: send the user to the question.
      const key = String(full.error.issues[0]?.path[0] ?? '');
      const step = cf.form.steps.find((s) => s.fields.includes(key));
      const moved = { ...draft, stepId: step?.id ?? draft.stepId, rev: draft.rev + 1, answers };
      if (await repo.updateDraft(moved, draft.rev)) {
        return {
          kind: 'step',
          view: await view(moved, {
            banner: INVALID_BANNER,
            errors: { [key]: requiredMessage(cf, key) },
          }),
        };
      }
      return { kind: 'step', view: await view(draft, { banner: STALE_BANNER }) };
    }
    const now = clock();
    const context = {
      repeatOffers: await repeatOffers(cf, actor.id, full.data, draft.baseDeclarationId),
    };
    const flags = policyFlags(cf.form, full.data, config, context);
    const payloadSchema = payloadSchemaFor(cf.form);
    const result = await repo.submitDraft({
      draftId: draft.id,
      expectedRev: draft.rev,
      userId: actor.id,
      now,
      referencePrefix: cf.form.referencePrefix,
      referenceYear: nzYear(now),
      destinationIds: deps.routeFor(cf.form.id),
      build: (ids) => {
        const payload = payloadSchema.parse({
          schemaId: cf.form.schemaId,
          form: cf.form.id,
          reference: ids.reference,
          declarationId: ids.declarationId,
          version: ids.version,
          declarant: { id: actor.id, name: actor.name },
          versionId: ids.versionId,
          ...(ids.previousVersionId ? { previousVersionId: ids.previousVersionId } : {}),
          submittedAt: now.toISOString(),
          privacyNoticeVersion: draft.privacyNoticeVersion,
          answers: full.data,
          policy: flags,
        }) as Record<string, unknown> & { reference: string; declarationId: string };
        const type = ids.version === 1 ? 'submitted' : 'updated';
        return {
          answers: full.data,
          payload,
          event: declarationEvent(type, cf.form, payload, now),
        };
      },
    });
    if (!result.ok) {
      if (result.error === 'base_withdrawn')
        return { kind: 'withdrawn', reference: draft.reference ?? '' };
      const again = await loadDraft(actor, draft.id);
      if ('outcome' in again) return again.outcome;
      return { kind: 'step', view: await view(again.draft, { banner: STALE_BANNER }) };
    }
    let followUpDraftId: string | undefined;
    if (!result.duplicate && opensConflictOfInterest(cf.form, full.data)) {
      const prefill = prefillConflictOfInterest(full.data, result.declaration.reference);
      // The gift is stored: if the follow-up draft can't be opened, the receipt still stands and
      // its note tells the person to complete a conflict of interest declaration.
      followUpDraftId = await createDraft(actor, 'conflict-of-interest', prefill).then(
        (opened) => (opened.ok ? opened.draft.id : opened.existing.id),
        () => undefined,
      );
    }
    return {
      kind: 'submitted',
      duplicate: result.duplicate,
      receipt: await receiptOf(result.declaration, followUpDraftId),
    };
  }

  async function detailOf(record: DeclarationRecord): Promise<Detail> {
    const cf = cfOf(record.form);
    const rows = (await repo.deliveryRows([record.id])).get(record.id) ?? [];
    const current = record.versions[record.versions.length - 1];
    const answers = current?.answers ?? {};
    const facts = Object.keys(cf.form.shape)
      .filter((key) => answers[key] !== undefined && key !== cf.form.attestationField)
      .map((key) => ({ title: labelOf(cf, key), value: displayValue(cf, key, answers[key]) }));
    const history = record.versions.map((v) => ({
      title: `Version ${v.version}`,
      value: `${v.version === 1 ? 'Submitted' : 'Updated'} ${v.submittedAt.toISOString().slice(0, 10)}`,
    }));
    if (record.withdrawnAt) {
      history.push({ title: 'Withdrawn', value: record.withdrawnAt.toISOString().slice(0, 10) });
    }
    return {
      record,
      form: cf.form,
      facts,
      delivery: summariseDelivery(rows, record.status === 'withdrawn'),
      history,
    };
  }

  return {
    privacyNoticeVersion: config.privacyNotice.version,

    /** The forms this agency offers, in picker order. */
    forms(): FormDefinition[] {
      return FORM_IDS.filter((id) => config.forms[id].enabled).map((id) => FORMS[id]);
    },

    /** A start point (typed request, picker, answer card, Update): resume a draft or show the notice. */
    async open(actor: Actor, form: FormId, updateOf?: string): Promise<WizardOutcome> {
      if (!config.forms[form].enabled) return { kind: 'not_found' };
      await repo.purgeExpiredDrafts(clock());
      const checked = await checkBase(actor, form, updateOf);
      if ('outcome' in checked) return checked.outcome;
      const existing = await repo.findActiveDraft(actor.id, form, clock());
      if (existing) return { kind: 'resume_offer', form: FORMS[form], draft: existing };
      return { kind: 'notice', form: FORMS[form], ...(updateOf ? { updateOf } : {}) };
    },

    /** The privacy notice was accepted: create the draft and show the first step. */
    async begin(actor: Actor, form: FormId, updateOf?: string): Promise<WizardOutcome> {
      if (!config.forms[form].enabled) return { kind: 'not_found' };
      const checked = await checkBase(actor, form, updateOf);
      if ('outcome' in checked) return checked.outcome;
      const base = checked.base;
      const current = base?.versions[base.versions.length - 1]?.answers ?? {};
      const prefill = Object.fromEntries(
        Object.entries(current).filter(([key]) => key !== FORMS[form].attestationField),
      );
      const created = await createDraft(actor, form, prefill, base);
      if (!created.ok) return { kind: 'resume_offer', form: FORMS[form], draft: created.existing };
      return { kind: 'step', view: await view(created.draft) };
    },

    async resume(actor: Actor, draftId: string): Promise<WizardOutcome> {
      const loaded = await loadDraft(actor, draftId);
      if ('outcome' in loaded) return loaded.outcome;
      return { kind: 'step', view: await view(loaded.draft) };
    },

    /** Throws the draft away; the user is then offered a fresh start. */
    async discard(actor: Actor, draftId: string): Promise<WizardOutcome> {
      const loaded = await loadDraft(actor, draftId);
      if ('outcome' in loaded) return loaded.outcome;
      await repo.deleteDraft(loaded.draft.id);
      return { kind: 'notice', form: FORMS[loaded.draft.form] };
    },

    /** One wizard button: Next, Back, Save draft, Cancel or Submit, with the card's inputs. */
    async act(
      actor: Actor,
      verb: StepVerb,
      draftId: string,
      rev: number,
      inputs: Readonly<Record<string, unknown>>,
    ): Promise<WizardOutcome> {
      const loaded = await loadDraft(actor, draftId);
      if ('outcome' in loaded) return loaded.outcome;
      const { draft } = loaded;
      const cf = cfOf(draft.form);
      if (draft.rev !== rev || (verb === 'submit') !== (draft.stepId === REVIEW_STEP)) {
        return { kind: 'step', view: await view(draft, { banner: STALE_BANNER }) };
      }
      if (verb === 'cancel') {
        await repo.deleteDraft(draft.id);
        return { kind: 'cancelled', form: cf.form };
      }
      const keys = stepFields(cf, draft.stepId, draft.answers);
      const complete = verb === 'next' || verb === 'submit';
      const parsed = parseStepInputs(cf, keys, inputs, complete ? 'complete' : 'partial');
      if (parsed.unexpected.length > 0) {
        return {
          kind: 'step',
          rejected: 'unexpected_fields',
          view: await view(draft, {
            banner: UNEXPECTED_BANNER,
            echo: parsed.echo,
            errors: parsed.errors,
          }),
        };
      }
      const answers = mergeAnswers(draft.answers, parsed.values);
      const errors = { ...parsed.errors };
      if (complete) {
        for (const issue of policyIssues(cf.form, answers, config)) {
          if (keys.includes(issue.key) && errors[issue.key] === undefined)
            errors[issue.key] = issue.message;
        }
      }
      if (Object.keys(errors).length > 0) {
        return {
          kind: 'step',
          rejected: parsed.malformed ? 'malformed' : 'invalid_values',
          view: await view(draft, { banner: INVALID_BANNER, echo: parsed.echo, errors }),
        };
      }
      try {
        if (verb === 'submit') return await submit(actor, cf, draft, answers);
        const steps = [...visibleSteps(cf, answers).map((s) => s.id), REVIEW_STEP];
        const at = steps.indexOf(draft.stepId);
        const stepId =
          verb === 'next'
            ? (steps[at + 1] ?? REVIEW_STEP)
            : verb === 'back'
              ? (steps[Math.max(at - 1, 0)] ?? steps[0] ?? REVIEW_STEP)
              : at === -1
                ? (steps[0] ?? REVIEW_STEP)
                : draft.stepId;
        const now = clock();
        const next: DraftRecord = {
          ...draft,
          stepId,
          rev: draft.rev + 1,
          answers,
          updatedAt: now,
          expiresAt: expiry(now),
        };
        if (!(await repo.updateDraft(next, draft.rev))) {
          const again = await loadDraft(actor, draft.id);
          if ('outcome' in again) return again.outcome;
          return { kind: 'step', view: await view(again.draft, { banner: STALE_BANNER }) };
        }
        if (verb === 'save') return { kind: 'saved', form: cf.form, draft: next };
        return { kind: 'step', view: await view(next) };
      } catch (storeError) {
        return {
          kind: 'step',
          storeError,
          view: await view(draft, { banner: STORE_BANNER, echo: parsed.echo }),
        };
      }
    },

    async list(actor: Actor): Promise<ListItem[]> {
      const summaries = await repo.listForUser(actor.id);
      const rows = await repo.deliveryRows(summaries.map((s) => s.id));
      return summaries.map((s) => ({
        declarationId: s.id,
        reference: s.reference,
        formTitle: FORMS[s.form].title,
        date: s.updatedAt,
        version: s.currentVersion,
        status: summariseDelivery(rows.get(s.id) ?? [], s.status === 'withdrawn').label,
      }));
    },

    async detail(
      actor: Actor,
      declarationId: string,
    ): Promise<{ ok: true; detail: Detail } | { ok: false; error: 'not_found' | 'forbidden' }> {
      const record = await repo.findForUser(declarationId, actor.id);
      if (!record) {
        return { ok: false, error: (await repo.exists(declarationId)) ? 'forbidden' : 'not_found' };
      }
      return { ok: true, detail: await detailOf(record) };
    },

    async withdraw(
      actor: Actor,
      declarationId: string,
      inputs: Readonly<Record<string, unknown>>,
    ): Promise<WithdrawOutcome> {
      const record = await repo.findForUser(declarationId, actor.id);
      if (!record) return { kind: (await repo.exists(declarationId)) ? 'forbidden' : 'not_found' };
      if (record.status === 'withdrawn') {
        return { kind: 'withdrawn', already: true, detail: await detailOf(record) };
      }
      const parsed = WithdrawInputSchema.safeParse(inputs);
      if (!parsed.success) {
        const raw = inputs.withdrawReason;
        const unexpected = Object.keys(inputs).some((k) => k !== 'withdrawReason');
        const tooLong = typeof raw === 'string' && raw.trim().length > 500;
        return {
          kind: 'invalid',
          declarationId,
          reference: record.reference,
          malformed: unexpected || tooLong || (raw !== undefined && typeof raw !== 'string'),
          error: unexpected
            ? "This card sent information I didn't expect, so nothing was changed. Please try again."
            : tooLong
              ? `Please keep the reason to 500 characters or fewer (it has ${raw.length}).`
              : 'Please give a reason for withdrawing it.',
          echo: typeof raw === 'string' ? raw.slice(0, 550) : '',
        };
      }
      const form = FORMS[record.form];
      const now = clock();
      const result = await repo.withdraw({
        declarationId,
        userId: actor.id,
        reason: parsed.data.withdrawReason,
        now,
        destinationIds: deps.routeFor(record.form),
        buildEvent: (declaration) =>
          declarationEvent(
            'withdrawn',
            form,
            {
              schemaId: 'declaration-withdrawn@1',
              form: form.id,
              reference: declaration.reference,
              declarationId: declaration.id,
              version: declaration.currentVersion,
              declarant: { id: actor.id, name: actor.name },
              withdrawnAt: now.toISOString(),
              reason: parsed.data.withdrawReason,
            },
            now,
          ),
      });
      if (!result.ok) {
        if (result.error === 'not_found') return { kind: 'not_found' };
        return { kind: 'withdrawn', already: true, detail: await detailOf(result.declaration) };
      }
      return { kind: 'withdrawn', already: false, detail: await detailOf(result.declaration) };
    },
  };
}
