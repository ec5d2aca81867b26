// What every escalation route shares: who is an adviser, the acting person, refusals, stored references.
import { TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';
import type { EscalationActor, TicketError } from '../core/escalations/service';
import { logSecurityEvent } from '../log';
import type { BotDeps } from './deps';
import { errorCard, INVALID, REFUSALS } from './escalation-cards';
import {
  createEscalationFormat,
  type EscalationFormat,
  type EscalationOutbound,
} from './proactive-escalations';
import { activityTenant } from './tenant';
import { actorOf, conversationType } from './turn';
import { turnLog } from './turn-log';

/** How long a turn waits for its proactive sends before answering Teams (they carry on after). */
export const SEND_BUDGET_MS = 5_000;
const MEMBERSHIP_TTL_MS = 5 * 60_000;

/**
 * Decides on every action whether the person is an integrity adviser: a configured Entra object id,
 * or (when configured) a member of the advisers' team, asked of Teams and cached briefly.
 * Being in the advisers' channel is never enough on its own.
 */
export function createAdviserCheck(deps: BotDeps): (context: TurnContext) => Promise<boolean> {
  const ids = new Set(deps.config.agency.advisers.ids);
  const { teamId } = deps.config.agency.advisers;
  const cache = new Map<string, { member: boolean; until: number }>();
  return async (context) => {
    const actor = actorOf(context);
    if (actor === undefined) return false;
    if (ids.has(actor.id)) return true;
    if (teamId === undefined) return false;
    const now = deps.clock().getTime();
    const cached = cache.get(actor.id);
    if (cached !== undefined && cached.until > now) return cached.member;
    let member = false;
    try {
      const found = await TeamsInfo.getTeamMember(context, teamId, context.activity.from.id);
      member = found?.aadObjectId === actor.id;
    } catch (error) {
      const err = error instanceof Error ? error : new Error('non-error thrown');
      // Fail closed: not found, no access or no connector all mean "not an adviser".
      turnLog(context, deps.log).info(
        { errName: err.name },
        'adviser team membership not confirmed',
      );
    }
    cache.set(actor.id, {
      member,
      until: now + (member ? MEMBERSHIP_TTL_MS : MEMBERSHIP_TTL_MS / 5),
    });
    return member;
  };
}

/** The conversation reference of this turn, ready to store for proactive messages later. */
export function storableReference(context: TurnContext): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(context.activity);
  // Proactive turns replay the reference through the tenant gate, so the tenant must be on it.
  const tenantId = activityTenant(context.activity);
  return {
    ...reference,
    activityId: undefined,
    conversation: {
      ...reference.conversation,
      ...(tenantId === undefined ? {} : { tenantId }),
    } as ConversationReference['conversation'],
  };
}

export interface EscalationEdge {
  readonly outbound: EscalationOutbound;
  readonly isAdviser: (context: TurnContext) => Promise<boolean>;
  readonly format: EscalationFormat;
  /** The acting person with their adviser status decided now; undefined without a Teams identity. */
  actor(context: TurnContext): Promise<EscalationActor | undefined>;
  /** Error card, security event and audit entry for a refused action. */
  refuse(
    context: TurnContext,
    actor: EscalationActor | undefined,
    verb: string,
    ref: string | undefined,
    reason: TicketError | 'invalid_payload' | 'no_identity',
  ): Promise<AdaptiveCardJson>;
}

export function createEscalationEdge(deps: BotDeps, outbound: EscalationOutbound): EscalationEdge {
  const isAdviser = createAdviserCheck(deps);
  return {
    outbound,
    isAdviser,
    format: createEscalationFormat(deps.config, deps.clock),
    async actor(context) {
      const who = actorOf(context);
      if (who === undefined) return undefined;
      const adviser = await isAdviser(context);
      if (adviser) {
        const at = deps.clock();
        await deps.store.ticketContacts.rememberAdviser(who.id, who.name, at);
        if (conversationType(context) === 'personal') {
          await deps.store.ticketContacts.saveConversation(who.id, storableReference(context), at);
        }
      }
      return { id: who.id, name: who.name, isAdviser: adviser };
    },
    async refuse(context, actor, verb, ref, reason) {
      logSecurityEvent(
        turnLog(context, deps.log),
        reason === 'invalid_payload' ? 'payload_rejected' : 'authorisation_refused',
        {
          where: 'escalations',
          verb: verb.slice(0, 64),
          reason,
          userRef: deps.pseudonymise(actor?.id),
        },
      );
      if (actor !== undefined)
        await deps.escalations.recordRefusal(
          actor,
          verb,
          ref,
          reason === 'no_identity' ? 'invalid_payload' : reason,
        );
      return deps.cards.render(errorCard, REFUSALS[reason] ?? INVALID);
    },
  };
}
