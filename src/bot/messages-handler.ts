import type { Request, Response } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { logSecurityEvent, type Logger } from '../log';
import { InboundActivitySchema } from './activity-schema';
import type { BotApp } from './app';

export type MessagesHandler = (req: Request, res: Response) => Promise<void>;

/** POST /api/messages: the activity is checked by zod, then botbuilder authenticates and runs the app. */
export function createMessagesHandler(
  adapter: TeamsAdapter,
  app: BotApp,
  log: Logger,
): MessagesHandler {
  return async (req, res) => {
    const parsed = InboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      logSecurityEvent(log, 'payload_rejected', {
        where: 'activity',
        paths: parsed.error.issues
          .map((i) => i.path.join('.'))
          .slice(0, 5)
          .join(','),
      });
      res.status(400);
      res.send({ error: 'invalid_activity', message: 'The request body is not a valid activity.' });
      res.end();
      return;
    }
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
    if (res.statusCode === 401 || res.statusCode === 403) {
      logSecurityEvent(log, 'auth_failed', { status: res.statusCode });
    }
  };
}
