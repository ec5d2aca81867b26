import { TurnContext, type BotAdapter, type ConversationReference } from 'botbuilder';
import type { ProactiveTransport } from './proactive';

interface PipelineOwner {
  client?: { pipeline?: { removePolicy?: (options: { phase?: string }) => unknown } };
}

/**
 * The connector's HTTP pipeline retries 408 and 500 by itself and never 412; the messenger applies
 * Teams' rules instead, so the pipeline's own retry phase is removed for proactive turns (each
 * proactive turn gets a fresh connector client, so nothing else is affected).
 */
function withoutPipelineRetries(context: TurnContext, adapter: BotAdapter): void {
  const key = (adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  if (key === undefined) return;
  const connector = context.turnState.get<PipelineOwner | undefined>(key);
  connector?.client?.pipeline?.removePolicy?.({ phase: 'Retry' });
}

/**
 * Proactive messages through the adapter (`continueConversationAsync` with a stored reference).
 * New messages go to POST /v3/conversations/{id}/activities, never as a reply to an activity id.
 */
export function createAdapterTransport(adapter: BotAdapter, botAppId: string): ProactiveTransport {
  /**
   * Runs the logic in a proactive turn. The adapter hands errors thrown inside a turn to
   * onTurnError, so they are caught here and rethrown to the messenger, which decides on retries.
   */
  async function proactive(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let ran = false;
    let failure: unknown;
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      ran = true;
      try {
        withoutPipelineRetries(context, adapter);
        await logic(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) {
      throw failure instanceof Error ? failure : new Error('proactive turn failed');
    }
    // The middleware (the tenant gate) can stop a turn before it reaches the logic.
    if (!ran) throw new Error('the proactive turn was stopped by middleware');
  }

  return {
    async send(reference, activity) {
      let id: string | undefined;
      await proactive(reference, async (context) => {
        const outgoing = TurnContext.applyConversationReference(
          { ...activity },
          { ...reference, activityId: undefined },
        );
        delete outgoing.replyToId;
        const [response] = await context.adapter.sendActivities(context, [outgoing]);
        id = response?.id;
      });
      return id;
    },
    async update(reference, activity) {
      await proactive(reference, async (context) => {
        await context.updateActivity(activity);
      });
    },
  };
}
