import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import {
  BOT,
  cardText,
  firstCard,
  type ConversationHarness,
  type InvokeResult,
} from '../support/conversation';
import { ADVISERS_CHANNEL_ID, type TestUser } from '../support/users';

/** One proactive send or update, as the connector would have received it. */
export interface ProactivePost {
  readonly kind: 'send' | 'update';
  readonly conversationId: string;
  readonly activityId: string;
  readonly activity: Partial<Activity>;
}

/** A failure Teams would answer with, for the next N sends to matching conversations. */
interface Failure {
  match: (conversationId: string) => boolean;
  status: number;
  times: number;
}

class RecordingAdapter extends BotAdapter {
  constructor(
    private readonly posts: ProactivePost[],
    private readonly failures: Failure[],
  ) {
    super();
  }

  private fail(conversationId: string): void {
    const failure = this.failures.find((f) => f.times > 0 && f.match(conversationId));
    if (failure === undefined) return;
    failure.times -= 1;
    throw Object.assign(new Error(`connector said ${failure.status}`), {
      statusCode: failure.status,
    });
  }

  sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    return Promise.resolve(
      activities.map((activity) => {
        const conversationId = activity.conversation?.id ?? '';
        this.fail(conversationId);
        const id = `msg-${this.posts.length + 1}`;
        this.posts.push({ kind: 'send', conversationId, activityId: id, activity });
        return { id };
      }),
    );
  }

  updateActivity(
    _context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | void> {
    const conversationId = activity.conversation?.id ?? '';
    this.fail(conversationId);
    this.posts.push({ kind: 'update', conversationId, activityId: activity.id ?? '', activity });
    return Promise.resolve({ id: activity.id ?? '' });
  }

  deleteActivity(): Promise<void> {
    return Promise.resolve();
  }

  continueConversation(): Promise<void> {
    return Promise.reject(new Error('not used'));
  }
}

export interface ProactiveObserver {
  readonly posts: ProactivePost[];
  /** Posts (sends and updates) whose conversation id starts with the prefix. */
  to(prefix: string): ProactivePost[];
  /** The advisers' channel, new threads and replies in them. */
  channel(): ProactivePost[];
  personal(user: TestUser): ProactivePost[];
  /** Teams answers `status` to the next `times` sends or updates to matching conversations. */
  failNext(prefix: string, status: number, times?: number): void;
  clear(): void;
}

/**
 * botbuilder's TestAdapter has no continueConversationAsync; this gives the harness one that runs
 * the proactive logic against a recording adapter, so tests see what would reach Teams.
 */
export function observeProactive(h: ConversationHarness): ProactiveObserver {
  const posts: ProactivePost[] = [];
  const failures: Failure[] = [];
  const recorder = new RecordingAdapter(posts, failures);
  (
    h.adapter as unknown as {
      continueConversationAsync: (
        botAppId: string,
        reference: Partial<ConversationReference>,
        logic: (context: TurnContext) => Promise<void>,
      ) => Promise<void>;
    }
  ).continueConversationAsync = async (_botAppId, reference, logic) => {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation', id: randomUUID() },
      reference,
      true,
    );
    await logic(new TurnContext(recorder, activity));
  };
  const to = (prefix: string) => posts.filter((p) => p.conversationId.startsWith(prefix));
  return {
    posts,
    to,
    channel: () => to(ADVISERS_CHANNEL_ID),
    personal: (user) => to(`a:personal-${user.key}`),
    failNext(prefix, status, times = 1) {
      failures.push({ match: (id) => id.startsWith(prefix), status, times });
    },
    clear() {
      posts.splice(0);
    },
  };
}

export function postCard(post: ProactivePost | undefined): Record<string, unknown> | undefined {
  return post === undefined ? undefined : firstCard([post.activity]);
}

export function postText(post: ProactivePost | undefined): string {
  return cardText(postCard(post));
}

/** The visible text of an invoke response card. */
export function responseText(result: InvokeResult): string {
  return cardText(result.response?.value);
}

export const mention = {
  type: 'mention',
  mentioned: BOT,
  text: `<at>${BOT.name}</at>`,
};

/** An adviser @mentions the bot in the advisers' channel. */
export function inChannel(h: ConversationHarness, user: TestUser, text: string) {
  return h.send(
    user,
    { type: ActivityTypes.Message, text: `<at>${BOT.name}</at> ${text}`, entities: [mention] },
    { conversation: 'channel' },
  );
}

/** The ticket reference in a confirmation or ticket card. */
export function refIn(text: string): string {
  const match = /INT-\d{6}/.exec(text);
  if (match === null) throw new Error(`no ticket reference in: ${text.slice(0, 200)}`);
  return match[0];
}

/** Asks an adviser through the ask card, as Teams would send the card's inputs. */
export async function askAdviser(
  h: ConversationHarness,
  user: TestUser,
  inputs: {
    question: string;
    context?: string;
    topic?: string;
    urgency?: string;
    anonymous?: boolean;
    articleId?: string;
  },
): Promise<{ ref: string; result: InvokeResult }> {
  const opened = await h.execute(user, 'adviser.ask', {
    question: inputs.question,
    ...(inputs.articleId ? { articleId: inputs.articleId } : {}),
  });
  const action = (opened.response?.value as { actions?: { data?: Record<string, unknown> }[] })
    ?.actions?.[0]?.data;
  const result = await h.execute(user, 'adviser.submit', {
    ...action,
    question: inputs.question,
    context: inputs.context ?? '',
    topic: inputs.topic ?? 'gifts',
    urgency: inputs.urgency ?? 'normal',
    anonymous: inputs.anonymous ? 'true' : 'false',
  });
  return { ref: refIn(responseText(result)), result };
}
