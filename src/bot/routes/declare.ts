// Guided declarations: typed start points, the form picker, the privacy notice and the wizard steps.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import type { AdaptiveCardJson } from '../../cards/render';
import { FormIdSchema } from '../../core/declarations/form-definition';
import { matchDeclarationIntent } from '../../core/declarations/intent';
import type { Actor, StepVerb } from '../../core/declarations/service';
import { logSecurityEvent } from '../../log';
import { pickerCard } from '../declarations-cards';
import { checkPayload, withoutKeys } from '../declarations-payload';
import { notice, renderOutcome } from '../declarations-render';
import type { BotDeps } from '../deps';
import { actorOf, conversationType, normalisedText } from '../turn';
import { turnLog } from '../turn-log';
import { Verbs } from '../verbs';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const Id = z.uuid();

const StartSchema = z.strictObject({
  form: FormIdSchema.optional(),
  // The answer card names the article it came from, and Teams merges its comment box into the
  // data of every action: neither is stored.
  articleId: z.string().max(100).optional(),
  comment: z.string().max(2000).optional(),
});
const BeginSchema = z.strictObject({
  form: FormIdSchema,
  updateOf: z.preprocess(blankToUndefined, Id.optional()),
});
const DraftSchema = z.strictObject({ draftId: Id });
const CloseSchema = z.strictObject({ form: FormIdSchema.optional() });
const EnvelopeSchema = z.object({
  draftId: Id,
  rev: z.coerce.number().int().min(1).max(1_000_000),
});

const STEP_VERBS: readonly [string, StepVerb][] = [
  [Verbs.declareNext, 'next'],
  [Verbs.declareBack, 'back'],
  [Verbs.declareSave, 'save'],
  [Verbs.declareCancel, 'cancel'],
  [Verbs.declareSubmit, 'submit'],
];

type Handler = (
  context: TurnContext,
  actor: Actor,
  data: Readonly<Record<string, unknown>>,
) => Promise<AdaptiveCardJson>;

/**
 * The checks every declaration card action shares: personal chat only, a Teams identity, card data
 * that names nobody else. A store fault becomes a "try again" card rather than a failed invoke.
 */
export function guardedAction(deps: BotDeps, verb: string, handler: Handler) {
  return async (
    context: TurnContext,
    _state: TurnState,
    data: unknown,
  ): Promise<AdaptiveCardJson> => {
    if (conversationType(context) !== 'personal') {
      return notice(
        deps,
        'Declarations are private',
        'Open a one-to-one chat with me to make or see declarations.',
      );
    }
    const actor = actorOf(context);
    if (!actor) {
      return notice(
        deps,
        'Sign in needed',
        'I can only take declarations from a signed-in Teams user.',
      );
    }
    const checked = checkPayload(data, actor);
    if (!checked.ok) {
      logSecurityEvent(
        deps.log,
        checked.reason === 'identity_mismatch' ? 'identity_mismatch' : 'payload_rejected',
        { where: verb, reason: checked.reason },
      );
      return notice(
        deps,
        "That couldn't be accepted",
        checked.reason === 'identity_mismatch'
          ? 'Declarations are always made as yourself, from your Teams account. Nothing was saved.'
          : 'This card sent something I did not expect, so nothing was saved. Please try again.',
        { showMyDeclarations: true },
      );
    }
    try {
      return await handler(context, actor, checked.data);
    } catch (error) {
      const err = error instanceof Error ? error : new Error('non-error thrown');
      turnLog(context, deps.log).error({ errName: err.name, verb }, 'declaration action failed');
      return notice(
        deps,
        'Something went wrong',
        "Sorry, I couldn't do that just now. Nothing you have saved was lost: please try again in a moment.",
      );
    }
  };
}

/** Parses strict card data, logging and refusing anything else. */
export function parseOr<T>(
  deps: BotDeps,
  verb: string,
  schema: z.ZodType<T>,
  data: unknown,
): { ok: true; value: T } | { ok: false; card: AdaptiveCardJson } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  logSecurityEvent(deps.log, 'payload_rejected', {
    where: verb,
    paths: parsed.error.issues
      .map((i) => i.path.join('.'))
      .slice(0, 5)
      .join(','),
  });
  return {
    ok: false,
    card: notice(
      deps,
      "That couldn't be accepted",
      'This card sent something I did not expect, so nothing was saved. Type "declare" to start again.',
      { showMyDeclarations: true },
    ),
  };
}

export function registerDeclare(app: Application<TurnState>, deps: BotDeps): void {
  const service = deps.declarations;
  const picker = () =>
    deps.cards.render(pickerCard, {
      forms: service
        .forms()
        .map((f) => ({ form: f.id, title: f.title, description: f.description })),
    });

  app.message(
    (context) => {
      if (conversationType(context) !== 'personal' || context.activity.value !== undefined) {
        return Promise.resolve(false);
      }
      const intent = matchDeclarationIntent(normalisedText(context));
      return Promise.resolve(intent !== undefined && intent.kind !== 'list');
    },
    async (context) => {
      const actor = actorOf(context);
      const intent = matchDeclarationIntent(normalisedText(context));
      if (!actor) {
        await context.sendActivity('I can only take declarations from a signed-in Teams user.');
        return;
      }
      const card =
        intent?.kind === 'form'
          ? renderOutcome(context, deps, await service.open(actor, intent.form), { verb: 'typed' })
          : picker();
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
  );

  const execute = (verb: string, handler: Handler) =>
    app.adaptiveCards.actionExecute(verb, guardedAction(deps, verb, handler));

  execute(Verbs.declareStart, async (context, actor, data) => {
    const parsed = parseOr(deps, Verbs.declareStart, StartSchema, data);
    if (!parsed.ok) return parsed.card;
    if (parsed.value.form === undefined) return picker();
    const outcome = await service.open(actor, parsed.value.form);
    return renderOutcome(context, deps, outcome, { verb: Verbs.declareStart });
  });

  execute(Verbs.declareBegin, async (context, actor, data) => {
    const parsed = parseOr(deps, Verbs.declareBegin, BeginSchema, data);
    if (!parsed.ok) return parsed.card;
    const outcome = await service.begin(actor, parsed.value.form, parsed.value.updateOf);
    return renderOutcome(context, deps, outcome, { verb: Verbs.declareBegin });
  });

  execute(Verbs.declareResume, async (context, actor, data) => {
    const parsed = parseOr(deps, Verbs.declareResume, DraftSchema, data);
    if (!parsed.ok) return parsed.card;
    const outcome = await service.resume(actor, parsed.value.draftId);
    return renderOutcome(context, deps, outcome, { verb: Verbs.declareResume });
  });

  execute(Verbs.declareDiscard, async (context, actor, data) => {
    const parsed = parseOr(deps, Verbs.declareDiscard, DraftSchema, data);
    if (!parsed.ok) return parsed.card;
    const outcome = await service.discard(actor, parsed.value.draftId);
    return renderOutcome(context, deps, outcome, { verb: Verbs.declareDiscard });
  });

  execute(Verbs.declareClose, (_context, _actor, data) => {
    const parsed = parseOr(deps, Verbs.declareClose, CloseSchema, data);
    if (!parsed.ok) return Promise.resolve(parsed.card);
    return Promise.resolve(
      notice(deps, 'No problem', 'Nothing was saved. Type "declare" whenever you are ready.'),
    );
  });

  for (const [verb, action] of STEP_VERBS) {
    execute(verb, async (context, actor, data) => {
      const envelope = parseOr(deps, verb, EnvelopeSchema, data);
      if (!envelope.ok) return envelope.card;
      const { draftId, rev } = envelope.value;
      // Everything else is the step's inputs; unknown or prototype keys are refused by the wizard.
      const inputs = withoutKeys(data, ['draftId', 'rev']);
      const outcome = await service.act(actor, action, draftId, rev, inputs);
      return renderOutcome(context, deps, outcome, { verb, draftId });
    });
  }
}
