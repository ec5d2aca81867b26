// Staff ask an integrity adviser (from a card or "talk to an adviser") and answer back on their ticket.
import { randomUUID } from 'node:crypto';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { defineCard, type AdaptiveCardJson } from '../../cards/render';
import {
  AUTHORISATION_ERRORS,
  type EscalationActor,
  type TicketOutcome,
} from '../../core/escalations/service';
import { STATE_LABELS } from '../../core/escalations/ticket';
import { ArticleIdSchema } from '../../core/knowledge/article';
import { logSecurityEvent } from '../../log';
import { questionBehind } from '../ask-state';
import type { BotDeps } from '../deps';
import { settleWithin, ticketStatusCard } from '../proactive-escalations';
import { actorOf, conversationType } from '../turn';
import { turnLog } from '../turn-log';
import { Verbs } from '../verbs';
import {
  SEND_BUDGET_MS,
  TicketActionSchema,
  errorCard,
  storableReference,
  type EscalationEdge,
} from './adviser';

export interface AskCardData {
  agencyName: string;
  responseText: string;
  hasError: boolean;
  error: string;
  question: string;
  context: string;
  topic: string;
  urgency: string;
  anonymousValue: 'true' | 'false';
  requestId: string;
  articleId: string;
  topics: { id: string; label: string }[];
  urgencies: { id: string; label: string }[];
}

export const askAdviserCard = defineCard<AskCardData>('ask-adviser');
const sentCard = defineCard<{
  ref: string;
  topicLabel: string;
  urgencyLabel: string;
  nameText: string;
  question: string;
}>('ask-adviser-sent');

const MAX_QUESTION = 2000;
const MAX_CONTEXT = 4000;

/** "I want to talk to someone", "talk to an adviser", "can I speak to a person about gifts"... */
const TALK_TO =
  /^(?:(?:i|i'd|id) (?:want|would like|need|wanna|'d like) to |(?:can|could|may) i |please let me |let me |i'd like to )?(?:talk|speak|chat) (?:to|with) (?:someone|somebody|a person|a human|a real person|a human being|an? (?:integrity )?advis[eo]r|an? (?:integrity )?expert|the integrity team)(?: about (.+?))?(?:,? please)?[.!?]*$/i;
/** "ask an adviser", "contact an integrity adviser about my board role", "escalate". */
const ASK_ADVISER =
  /^(?:(?:i want to |i'd like to |can i |please )?(?:ask|contact|message|escalate to) (?:an? |the )?(?:integrity )?advis[eo]rs?(?: about (.+?))?[.!?]*|escalate(?: this| to a person)?[.!?]*)$/i;

/** A typed request for a person: narrow, so knowledge questions are never taken. */
export function typedAdviserRequest(text: string): { question: string } | undefined {
  const t = text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  const match = TALK_TO.exec(t) ?? ASK_ADVISER.exec(t);
  if (match === null) return undefined;
  return { question: (match[1] ?? '').trim() };
}

const OpenAskSchema = z.object({
  question: z.string().max(10_000).optional(),
  articleId: z.union([ArticleIdSchema, z.literal(''), z.null()]).optional(),
});

export const AskSubmitSchema = z.strictObject({
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/)
    .optional(),
  articleId: z.union([ArticleIdSchema, z.literal(''), z.null()]).optional(),
  question: z.string().max(MAX_QUESTION).optional(),
  context: z.string().max(MAX_CONTEXT).optional(),
  topic: z.string().max(40).optional(),
  urgency: z.string().max(40).optional(),
  anonymous: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});

export function registerEscalate(
  app: Application<TurnState>,
  deps: BotDeps,
  edge: EscalationEdge,
): void {
  const { escalations, cards, store, clock } = deps;
  const { topics, urgencies } = deps.config.agency.escalations;
  const defaultTopic = (topics.find((t) => t.id === 'other') ?? topics[0])?.id ?? 'other';
  const defaultUrgency = urgencies[0]?.id ?? 'normal';

  const askCard = (values: Partial<AskCardData> = {}): AdaptiveCardJson =>
    cards.render(askAdviserCard, {
      agencyName: deps.config.agency.agency.name,
      responseText: 'a few working days (sooner if you mark it urgent)',
      hasError: false,
      error: '',
      question: '',
      context: '',
      topic: defaultTopic,
      urgency: defaultUrgency,
      anonymousValue: 'false',
      requestId: randomUUID(),
      articleId: '',
      topics: topics.map((t) => ({ id: t.id, label: t.label })),
      urgencies: urgencies.map((u) => ({ id: u.id, label: u.label })),
      ...values,
    });

  const notPersonal = () =>
    cards.render(errorCard, {
      title: 'Ask me in a 1:1 chat',
      message:
        'Questions to integrity advisers are private, so please open a chat with me and type "talk to an adviser".',
    });

  // Refreshes the 1:1 chat of anyone we may need to reach (a person who reinstalled comes back).
  app.turn('beforeTurn', async (context) => {
    const who = actorOf(context);
    if (who !== undefined && conversationType(context) === 'personal') {
      await store.ticketContacts.refreshConversation(who.id, storableReference(context), clock());
    }
    return true;
  });

  app.message(
    (context: TurnContext) =>
      Promise.resolve(typedAdviserRequest(context.activity.text ?? '') !== undefined),
    async (context) => {
      if (conversationType(context) !== 'personal') {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(notPersonal())] });
        return;
      }
      const about = typedAdviserRequest(context.activity.text ?? '')?.question ?? '';
      await context.sendActivity({
        attachments: [
          CardFactory.adaptiveCard(askCard({ question: about.slice(0, MAX_QUESTION) })),
        ],
      });
    },
  );

  app.adaptiveCards.actionExecute(Verbs.adviserAsk, (context, state, data: unknown) => {
    if (conversationType(context) !== 'personal') return Promise.resolve(notPersonal());
    const parsed = OpenAskSchema.safeParse(data);
    if (!parsed.success) {
      logSecurityEvent(turnLog(context, deps.log), 'payload_rejected', {
        where: 'escalations',
        verb: Verbs.adviserAsk,
      });
      return Promise.resolve(askCard());
    }
    const articleId = parsed.data.articleId ?? '';
    // An answer card names only its article: the question it answered comes from this chat.
    const question =
      parsed.data.question ?? (articleId === '' ? '' : (questionBehind(state, articleId) ?? ''));
    return Promise.resolve(
      askCard({ question: question.trim().slice(0, MAX_QUESTION), articleId }),
    );
  });

  app.adaptiveCards.actionExecute(Verbs.adviserSubmit, async (context, _state, data: unknown) => {
    if (conversationType(context) !== 'personal') return notPersonal();
    const who = actorOf(context);
    if (who === undefined)
      return edge.refuse(context, undefined, Verbs.adviserSubmit, undefined, 'no_identity');
    const actor: EscalationActor = { id: who.id, name: who.name, isAdviser: false };
    const parsed = AskSubmitSchema.safeParse(data);
    const raw = (data ?? {}) as Record<string, unknown>;
    const keep = (key: string, max: number) =>
      typeof raw[key] === 'string' ? raw[key].slice(0, max) : '';
    const again = (error: string) =>
      askCard({
        hasError: true,
        error,
        question: keep('question', MAX_QUESTION),
        context: keep('context', MAX_CONTEXT),
      });
    const topic = parsed.success ? (parsed.data.topic ?? defaultTopic) : '';
    const urgency = parsed.success ? (parsed.data.urgency ?? defaultUrgency) : '';
    if (
      !parsed.success ||
      !topics.some((t) => t.id === topic) ||
      !urgencies.some((u) => u.id === urgency)
    ) {
      logSecurityEvent(turnLog(context, deps.log), 'payload_rejected', {
        where: 'escalations',
        verb: Verbs.adviserSubmit,
        paths: parsed.success
          ? 'topic/urgency'
          : parsed.error.issues
              .map((i) => i.path.join('.'))
              .slice(0, 5)
              .join(','),
      });
      return again('Something in the form was not valid. Please check it and send it again.');
    }
    const question = (parsed.data.question ?? '').trim();
    if (question === '') return again('Please type your question.');
    const extra = (parsed.data.context ?? '').trim();
    const anonymous = parsed.data.anonymous === true || parsed.data.anonymous === 'true';
    // The reference comes first, so the answer can always find its way back.
    await store.ticketContacts.saveConversation(actor.id, storableReference(context), clock());
    const outcome = await escalations.ask(actor, {
      requestId: parsed.data.requestId ?? context.activity.id ?? randomUUID(),
      question,
      context: extra === '' ? null : extra,
      topic,
      urgency,
      anonymous,
      articleId: parsed.data.articleId ? parsed.data.articleId : null,
    });
    if (!outcome.ok)
      return again('Something in the form was not valid. Please check it and send it again.');
    const { ticket } = outcome;
    await settleWithin(edge.outbound.applyEffects(ticket, outcome.effects), SEND_BUDGET_MS);
    return cards.render(sentCard, {
      ref: ticket.ref,
      topicLabel: edge.format.topicLabel(ticket.topic),
      urgencyLabel: edge.format.urgencyLabel(ticket.urgency),
      nameText: ticket.anonymous
        ? 'Not shown to advisers (asked anonymously)'
        : 'Shown to advisers',
      question: ticket.question,
    });
  });

  // --- the asker's side of a ticket ----------------------------------------------------------

  type Run = (actor: EscalationActor, ref: string, text: string) => Promise<TicketOutcome>;

  const askerAction = (
    verb: string,
    field: 'followUp' | 'info' | undefined,
    run: Run,
    done: (ref: string) => { title: string; message: string },
  ) =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: unknown) => {
      const who = actorOf(context);
      if (who === undefined) return edge.refuse(context, undefined, verb, undefined, 'no_identity');
      const actor: EscalationActor = { id: who.id, name: who.name, isAdviser: false };
      const parsed = TicketActionSchema.safeParse(data);
      if (!parsed.success) return edge.refuse(context, actor, verb, undefined, 'invalid_payload');
      const ref = parsed.data.ticketId;
      const text = field === undefined ? '' : (parsed.data[field] ?? '').trim();
      if (field !== undefined && text === '') {
        return cards.render(ticketStatusCard, {
          title: 'Nothing was sent',
          color: 'Warning',
          message: 'Please type something before sending.',
          hasDetail: false,
          detail: '',
        });
      }
      const outcome = await run(actor, ref, text);
      if (!outcome.ok) {
        if (AUTHORISATION_ERRORS.has(outcome.error) || outcome.ticket === undefined) {
          return edge.refuse(context, actor, verb, ref, outcome.error);
        }
        return cards.render(ticketStatusCard, {
          title: `${ref} is ${STATE_LABELS[outcome.ticket.state].toLowerCase()}`,
          color: 'Warning',
          message: 'That no longer applies to this ticket. Type "my tickets" to see where it is.',
          hasDetail: false,
          detail: '',
        });
      }
      await settleWithin(
        edge.outbound.applyEffects(outcome.ticket, outcome.effects),
        SEND_BUDGET_MS,
      );
      const message = done(ref);
      return cards.render(ticketStatusCard, {
        ...message,
        color: 'Good',
        hasDetail: text !== '',
        detail: text,
      });
    });

  askerAction(
    Verbs.ticketResolve,
    undefined,
    (actor, ref) => escalations.resolve(actor, ref),
    (ref) => ({
      title: `Thanks, ${ref} is closed`,
      message: 'Glad that helped. If anything changes, ask again any time.',
    }),
  );
  askerAction(
    Verbs.ticketFollowUp,
    'followUp',
    (actor, ref, text) => escalations.followUp(actor, ref, text),
    (ref) => ({
      title: `Follow-up sent on ${ref}`,
      message: 'It went to the adviser on the same ticket. Their reply will come here.',
    }),
  );
  askerAction(
    Verbs.ticketProvideInfo,
    'info',
    (actor, ref, text) => escalations.provideInfo(actor, ref, text),
    (ref) => ({
      title: `Reply sent on ${ref}`,
      message: 'Thanks. The adviser has your reply and will come back to you here.',
    }),
  );
}
