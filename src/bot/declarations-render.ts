import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';
import type { WizardOutcome } from '../core/declarations/service';
import { logSecurityEvent } from '../log';
import {
  confirmationCard,
  confirmationCardData,
  formCardData,
  formCards,
  noticeCard,
  noticeCardData,
  privacyCard,
  privacyCardData,
  resumeCard,
  resumeCardData,
} from './declarations-cards';
import type { BotDeps } from './deps';
import { turnLog } from './turn-log';

export function notice(
  deps: BotDeps,
  title: string,
  message: string,
  options: Parameters<typeof noticeCardData>[2] = {},
): AdaptiveCardJson {
  return deps.cards.render(noticeCard, noticeCardData(title, message, options));
}

export function notAvailable(deps: BotDeps): AdaptiveCardJson {
  return notice(
    deps,
    "That isn't available",
    'It may have been cancelled, finished or never existed. Type "declare" to start a declaration, or "my declarations" to see yours.',
    { showMyDeclarations: true },
  );
}

/** The card for each wizard outcome; refusals and store faults are logged here, by id only. */
export function renderOutcome(
  context: TurnContext,
  deps: BotDeps,
  outcome: WizardOutcome,
  where: { verb: string; draftId?: string },
): AdaptiveCardJson {
  const { agency } = deps.config;
  switch (outcome.kind) {
    case 'step': {
      if (outcome.rejected === 'unexpected_fields' || outcome.rejected === 'malformed') {
        logSecurityEvent(deps.log, 'payload_rejected', {
          where: where.verb,
          reason: outcome.rejected,
        });
      }
      if (outcome.storeError !== undefined) {
        const err =
          outcome.storeError instanceof Error ? outcome.storeError : new Error('non-error');
        turnLog(context, deps.log).error(
          { errName: err.name, errCode: (err as { code?: unknown }).code, verb: where.verb },
          'declaration store failed; draft kept',
        );
      }
      const card = formCards[outcome.view.form.id];
      if (!card) throw new Error(`no card for ${outcome.view.form.id}`);
      return deps.cards.render(card, formCardData(outcome.view));
    }
    case 'resume_offer':
      return deps.cards.render(resumeCard, resumeCardData(outcome.form, outcome.draft));
    case 'notice':
      return deps.cards.render(
        privacyCard,
        privacyCardData(agency, outcome.form, outcome.updateOf),
      );
    case 'saved':
      return notice(
        deps,
        'Draft saved',
        `Your ${outcome.form.noun} declaration is saved up to the last step you completed. It is kept for ${agency.declarations.draftExpiryDays} days: type "declare" or press Resume to carry on.`,
        { resumeDraftId: outcome.draft.id },
      );
    case 'cancelled':
      return notice(
        deps,
        'Cancelled',
        `Your ${outcome.form.noun} declaration was discarded. Nothing was sent.`,
        {
          showDeclare: true,
        },
      );
    case 'submitted':
      return deps.cards.render(
        confirmationCard,
        confirmationCardData(agency, outcome.receipt, outcome.duplicate),
      );
    case 'already_submitted':
      return notice(
        deps,
        'Already submitted',
        `This ${outcome.form.noun} declaration was already submitted, reference ${outcome.reference}. Nothing was changed.`,
        { declarationId: outcome.declarationId, showMyDeclarations: true },
      );
    case 'expired':
      return notice(
        deps,
        'This draft has expired',
        `Unfinished declarations are kept for ${agency.declarations.draftExpiryDays} days. Please start your ${outcome.form.noun} declaration again.`,
        { showDeclare: true },
      );
    case 'withdrawn':
      return notice(
        deps,
        'That declaration was withdrawn',
        `${outcome.reference} was withdrawn, so it can't be updated. Start a new declaration instead.`,
        { showDeclare: true },
      );
    case 'forbidden':
      logSecurityEvent(deps.log, 'authorisation_refused', {
        where: where.verb,
        subject: 'declaration',
      });
      return notAvailable(deps);
    case 'not_found':
      return notAvailable(deps);
  }
}
