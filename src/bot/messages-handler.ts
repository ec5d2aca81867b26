import type { Activity } from 'botbuilder';
import type { Request, Response } from 'restify';
import { logSecurityEvent, type Logger } from '../log';
import { InboundActivitySchema } from './activity-schema';
import type { IntegrityAdapter } from './adapter';
import type { BotApp } from './app';

export type MessagesHandler = (req: Request, res: Response) => Promise<void>;

function reply(res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}

/**
 * POST /api/messages: zod checks the activity, botbuilder authenticates the caller, the app runs.
 * Any failure before the turn starts is an authentication failure (401): the bot fails closed and
 * never echoes an error message.
 */
export function createMessagesHandler(
  adapter: IntegrityAdapter,
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
      return reply(res, 400, {
        error: 'invalid_activity',
        message: 'The request body is not a valid activity.',
      });
    }
    const authHeader = req.header('authorization', '');
    let turnStarted = false;
    try {
      const invoke = await adapter.processHttpActivity(
        authHeader,
        parsed.data as unknown as Activity,
        async (context) => {
          turnStarted = true;
          await app.run(context);
        },
      );
      return reply(res, invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      const err = error instanceof Error ? error : new Error('non-error thrown');
      if (!turnStarted) {
        logSecurityEvent(log, 'auth_failed', { errName: err.name, hadToken: authHeader !== '' });
        return reply(res, 401, { error: 'unauthorized' });
      }
      log.error({ errName: err.name }, 'turn failed outside the turn error handler');
      return reply(res, 500, { error: 'internal_error' });
    }
  };
}
