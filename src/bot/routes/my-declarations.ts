// "My declarations": a person's own declarations, their delivery status, update and withdraw.
import { CardFactory } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { matchDeclarationIntent } from '../../core/declarations/intent';
import type { Actor } from '../../core/declarations/service';
import { WithdrawInputSchema } from '../../core/declarations/withdraw';
import { fieldUi } from '../../core/declarations/field-ui';
import { logSecurityEvent } from '../../log';
import {
  detailCard,
  detailCardData,
  listCard,
  listCardData,
  withdrawCard,
  withdrawCardData,
} from '../declarations-cards';
import { withoutKeys } from '../declarations-payload';
import { notAvailable, renderOutcome } from '../declarations-render';
import type { BotDeps } from '../deps';
import { actorOf, conversationType, normalisedText } from '../turn';
import { Verbs } from '../verbs';
import { guardedAction, parseOr } from './declare';

const ListSchema = z.strictObject({});
const IdSchema = z.strictObject({ declarationId: z.uuid() });
const WithdrawEnvelopeSchema = z.object({ declarationId: z.uuid() });
const REASON_LABEL = fieldUi('withdrawReason', WithdrawInputSchema.shape.withdrawReason).title;

export function registerMyDeclarations(app: Application<TurnState>, deps: BotDeps): void {
  const service = deps.declarations;
  const list = async (actor: Actor) =>
    deps.cards.render(listCard, listCardData(await service.list(actor)));

  const refuse = (verb: string, error: 'not_found' | 'forbidden') => {
    if (error === 'forbidden') {
      logSecurityEvent(deps.log, 'authorisation_refused', { where: verb, subject: 'declaration' });
    }
    return notAvailable(deps);
  };

  app.message(
    (context) =>
      Promise.resolve(
        conversationType(context) === 'personal' &&
          context.activity.value === undefined &&
          matchDeclarationIntent(normalisedText(context))?.kind === 'list',
      ),
    async (context) => {
      const actor = actorOf(context);
      if (!actor) {
        await context.sendActivity('I can only show declarations to a signed-in Teams user.');
        return;
      }
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await list(actor))] });
    },
  );

  const execute = (verb: string, handler: Parameters<typeof guardedAction>[2]) =>
    app.adaptiveCards.actionExecute(verb, guardedAction(deps, verb, handler));

  execute(Verbs.myDeclarationsList, async (_context, actor, data) => {
    const parsed = parseOr(deps, Verbs.myDeclarationsList, ListSchema, data);
    return parsed.ok ? list(actor) : parsed.card;
  });

  execute(Verbs.myDeclarationsShow, async (_context, actor, data) => {
    const parsed = parseOr(deps, Verbs.myDeclarationsShow, IdSchema, data);
    if (!parsed.ok) return parsed.card;
    const found = await service.detail(actor, parsed.value.declarationId);
    if (!found.ok) return refuse(Verbs.myDeclarationsShow, found.error);
    return deps.cards.render(detailCard, detailCardData(found.detail));
  });

  execute(Verbs.myDeclarationsUpdate, async (context, actor, data) => {
    const parsed = parseOr(deps, Verbs.myDeclarationsUpdate, IdSchema, data);
    if (!parsed.ok) return parsed.card;
    const found = await service.detail(actor, parsed.value.declarationId);
    if (!found.ok) return refuse(Verbs.myDeclarationsUpdate, found.error);
    const outcome = await service.open(actor, found.detail.form.id, found.detail.record.id);
    return renderOutcome(context, deps, outcome, { verb: Verbs.myDeclarationsUpdate });
  });

  execute(Verbs.myDeclarationsWithdraw, async (_context, actor, data) => {
    const parsed = parseOr(deps, Verbs.myDeclarationsWithdraw, IdSchema, data);
    if (!parsed.ok) return parsed.card;
    const found = await service.detail(actor, parsed.value.declarationId);
    if (!found.ok) return refuse(Verbs.myDeclarationsWithdraw, found.error);
    const { record, form } = found.detail;
    if (record.status === 'withdrawn') {
      return deps.cards.render(
        detailCard,
        detailCardData(found.detail, 'This declaration is already withdrawn.'),
      );
    }
    return deps.cards.render(
      withdrawCard,
      withdrawCardData(record.id, record.reference, form.title, REASON_LABEL),
    );
  });

  execute(Verbs.myDeclarationsWithdrawConfirm, async (_context, actor, data) => {
    const verb = Verbs.myDeclarationsWithdrawConfirm;
    const envelope = parseOr(deps, verb, WithdrawEnvelopeSchema, data);
    if (!envelope.ok) return envelope.card;
    const inputs = withoutKeys(data, ['declarationId']);
    const outcome = await service.withdraw(actor, envelope.value.declarationId, inputs);
    switch (outcome.kind) {
      case 'withdrawn':
        return deps.cards.render(
          detailCard,
          detailCardData(
            outcome.detail,
            outcome.already
              ? 'This declaration is already withdrawn.'
              : 'Withdrawn. Your reason was recorded and sent on; the declaration is kept.',
          ),
        );
      case 'invalid': {
        if (outcome.malformed)
          logSecurityEvent(deps.log, 'payload_rejected', {
            where: verb,
            reason: 'withdraw_inputs',
          });
        const found = await service.detail(actor, outcome.declarationId);
        const formTitle = found.ok ? found.detail.form.title : '';
        return deps.cards.render(
          withdrawCard,
          withdrawCardData(
            outcome.declarationId,
            outcome.reference,
            formTitle,
            REASON_LABEL,
            outcome.echo,
            outcome.error,
          ),
        );
      }
      case 'not_found':
      case 'forbidden':
        return refuse(verb, outcome.kind);
    }
  });
}
