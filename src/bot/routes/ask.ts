// Answers integrity questions typed in chat from the curated knowledge base, and its card actions.
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { defineCard, type AdaptiveCardJson } from '../../cards/render';
import { ArticleIdSchema, type Article } from '../../core/knowledge/article';
import type { ChitChat } from '../../core/knowledge/chit-chat';
import type { Decision } from '../../core/knowledge/decide';
import { foldText } from '../../core/knowledge/normalise';
import { logSecurityEvent } from '../../log';
import type { BotDeps } from '../deps';
import {
  answerActivity,
  formLabel,
  noAnswerActivity,
  renderAnswerCard,
  suggestActivity,
} from '../knowledge-cards';
import { MAX_QUESTION_CHARS, readAskState, writeAskState } from '../ask-state';
import { turnLog } from '../turn-log';
import { Verbs } from '../verbs';
import { helpCard } from './help';

const errorCard = defineCard<{ title: string; message: string }>('error');
const formCard = defineCard<{ articleId: string; title: string; form: string; formLabel: string }>(
  'kb-form',
);

const ShowDataSchema = z.strictObject({
  articleId: ArticleIdSchema,
  // Teams merges card inputs into the data of every action: the answer card's comment box.
  comment: z.string().max(2000).optional(),
});

const FeedbackDataSchema = z.strictObject({
  articleId: ArticleIdSchema,
  helpful: z.boolean(),
  comment: z.string().max(2000).optional(),
});

const TELL_ME_MORE =
  /^(tell me more|more|more please|more info|more information|more detail|more details|go on|explain|explain more|explain further|and|what else|anything else|can you explain|elaborate|keep going|continue)$/;
const WHICH_FORM =
  /^(what|which) (form|declaration|declaration form)( (do|should|would|can|must) (i|we) (use|need|fill in|fill out|complete|do))?|^is there a (form|declaration form)|^(how|where) do i declare (it|this|that)$|^(form|declaration form|which form|what form)$|^how do i (declare|fill in the form)$/;

const CHIT_CHAT_REPLIES: Readonly<Record<Exclude<ChitChat, 'capabilities'>, string>> = {
  greeting:
    'Kia ora! Ask me an integrity question in your own words, for example "can I keep a gift from a supplier?" or "my cousin applied for a job in my team".',
  thanks: "You're welcome. Ask me anything else about integrity and conduct whenever you need.",
  goodbye: 'Ka kite anō. Come back any time you have an integrity question.',
  identity:
    "I'm the integrity assistant. I answer from guidance curated by the integrity team (not AI-generated), help you make declarations, and put you in touch with an integrity adviser when I'm not sure.",
};

export function registerAsk(app: Application<TurnState>, deps: BotDeps): void {
  const { log } = deps;

  const isQuestion = (context: TurnContext) =>
    Promise.resolve(
      context.activity.type === ActivityTypes.Message &&
        typeof context.activity.text === 'string' &&
        context.activity.text.trim() !== '',
    );

  app.message(isQuestion, async (context, state) => {
    const question = (context.activity.text ?? '').trim().slice(0, MAX_QUESTION_CHARS);
    const remembered = readAskState(state);
    const folded = foldText(question);
    const last =
      remembered.lastArticleId === undefined
        ? undefined
        : deps.knowledge.article(remembered.lastArticleId);

    if (last !== undefined && TELL_ME_MORE.test(folded)) {
      turnLog(context, log).info(
        { outcome: 'follow_up_more', articleId: last.id },
        'knowledge follow-up',
      );
      await context.sendActivity(answerActivity(deps, last));
      return;
    }
    if (last !== undefined && WHICH_FORM.test(folded)) {
      turnLog(context, log).info(
        { outcome: 'follow_up_form', articleId: last.id },
        'knowledge follow-up',
      );
      await context.sendActivity(formReply(deps, last));
      return;
    }

    const decision = deps.knowledge.ask(question);
    turnLog(context, log).info(
      {
        outcome: decision.status,
        articleId: decision.status === 'answer' ? decision.article.id : undefined,
        confidence: decision.confidence,
        chitChat: decision.status === 'none' ? decision.chitChat : undefined,
        wrongdoing: decision.status === 'answer' ? decision.wrongdoing : undefined,
        agreed: decision.status === 'answer' ? decision.agreed : undefined,
        kbVersion: deps.knowledge.current().version,
      },
      'knowledge decision',
    );
    await reply(context, state, deps, question, decision);
  });

  app.adaptiveCards.actionExecute(Verbs.articleShow, async (context, state, data: unknown) => {
    const parsed = ShowDataSchema.safeParse(data);
    if (!parsed.success) return rejected(context, deps, Verbs.articleShow, parsed.error);
    const article = deps.knowledge.article(parsed.data.articleId);
    if (article === undefined) return missingArticle(deps);
    writeAskState(state, { lastArticleId: article.id });
    turnLog(context, log).info(
      { outcome: 'show', articleId: article.id },
      'knowledge article shown',
    );
    return renderAnswerCard(deps, article);
  });

  app.adaptiveCards.actionExecute(Verbs.articleFeedback, async (context, state, data: unknown) => {
    const parsed = FeedbackDataSchema.safeParse(data);
    if (!parsed.success) return rejected(context, deps, Verbs.articleFeedback, parsed.error);
    const { articleId, helpful, comment } = parsed.data;
    const article = deps.knowledge.article(articleId);
    if (article === undefined) return missingArticle(deps);
    const remembered = readAskState(state);
    if (comment !== undefined) {
      // The second step of "Not helpful": an optional comment (empty means skipped).
      await deps.learning.recordComment({ articleId, comment });
      turnLog(context, log).info({ outcome: 'comment', articleId }, 'knowledge feedback');
      return renderAnswerCard(deps, article, {
        feedbackStage: 'done',
        feedbackThanks:
          'Thanks for your feedback. The integrity team uses it to improve this guidance.',
      });
    }
    // The question is attributed once, and only when this card answered the last question asked
    // here; it stays remembered, so "Ask an adviser" on the same card still starts with it.
    const attributable = remembered.lastArticleId === articleId && !remembered.feedbackRecorded;
    const question = attributable ? remembered.lastQuestion : undefined;
    await deps.learning.recordFeedback({ articleId, helpful, ...(question ? { question } : {}) });
    if (attributable) writeAskState(state, { ...remembered, feedbackRecorded: true });
    turnLog(context, log).info(
      { outcome: helpful ? 'helpful' : 'not_helpful', articleId },
      'knowledge feedback',
    );
    return helpful
      ? renderAnswerCard(deps, article, {
          feedbackStage: 'done',
          feedbackThanks: 'Thanks, glad it helped.',
        })
      : renderAnswerCard(deps, article, { feedbackStage: 'comment' });
  });
}

async function reply(
  context: TurnContext,
  state: TurnState,
  deps: BotDeps,
  question: string,
  decision: Decision,
): Promise<void> {
  switch (decision.status) {
    case 'answer':
      writeAskState(state, { lastArticleId: decision.article.id, lastQuestion: question });
      await context.sendActivity(
        answerActivity(deps, decision.article, { wrongdoing: decision.wrongdoing }),
      );
      return;
    case 'suggest':
      await deps.learning.recordOutcome(question, decision);
      await context.sendActivity(suggestActivity(deps, question, decision.suggestions));
      return;
    case 'none': {
      if (decision.chitChat === 'capabilities') {
        const { agency } = deps.config.agency;
        const card = deps.cards.render(helpCard, {
          agencyName: agency.name,
          contactName: agency.integrityContact.name,
          contactEmail: agency.integrityContact.email,
        });
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
        return;
      }
      if (decision.chitChat !== undefined) {
        await context.sendActivity(CHIT_CHAT_REPLIES[decision.chitChat]);
        return;
      }
      await deps.learning.recordOutcome(question, decision);
      await context.sendActivity(noAnswerActivity(deps, question));
    }
  }
}

/** "What form do I use?" after an answer: the article's form, or where to go when it has none. */
function formReply(deps: BotDeps, article: Article) {
  if (article.form === 'none') {
    return {
      type: ActivityTypes.Message,
      text: `"${article.title}" doesn't come with a declaration form. Type "declare" to see every form, or ask an integrity adviser.`,
    };
  }
  const card = deps.cards.render(formCard, {
    articleId: article.id,
    title: article.title,
    form: article.form,
    formLabel: formLabel(article.form),
  });
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] };
}

function rejected(
  context: TurnContext,
  deps: BotDeps,
  verb: string,
  error: z.ZodError,
): Promise<AdaptiveCardJson> {
  logSecurityEvent(deps.log, 'payload_rejected', {
    verb,
    paths: error.issues
      .map((i) => i.path.join('.'))
      .slice(0, 5)
      .join(','),
    correlationId: context.activity.id,
  });
  return Promise.resolve(
    deps.cards.render(errorCard, {
      title: "Sorry, I couldn't open that",
      message:
        'That button sent something I did not recognise. Ask your question again and I will find the guidance.',
    }),
  );
}

function missingArticle(deps: BotDeps): Promise<AdaptiveCardJson> {
  return Promise.resolve(
    deps.cards.render(errorCard, {
      title: 'That guidance is no longer available',
      message:
        'It may have been renamed or retired. Ask your question again and I will find the current guidance.',
    }),
  );
}
