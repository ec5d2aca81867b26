import type { Middleware, TurnContext } from 'botbuilder';
import { logSecurityEvent, type Logger } from '../../log';
import { activityTenant } from '../tenant';

export interface TenantGateOptions {
  allowedTenantIds: readonly string[];
  /** Production pins the channel to Teams; local mode accepts the local client's channel too. */
  allowedChannelIds: readonly string[] | 'any';
  log: Logger;
}

/** Drops activities from other tenants (or none) before any handler runs or any state is loaded. */
export function createTenantGate(options: TenantGateOptions): Middleware {
  const allowed = new Set(options.allowedTenantIds);
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      const tenant = activityTenant(activity);
      const channelOk =
        options.allowedChannelIds === 'any' ||
        options.allowedChannelIds.includes(activity.channelId);
      if (tenant === undefined || !allowed.has(tenant) || !channelOk) {
        logSecurityEvent(options.log, 'tenant_rejected', {
          activityType: activity.type,
          channelId: activity.channelId,
          tenantPresent: tenant !== undefined,
          channelAllowed: channelOk,
        });
        return;
      }
      await next();
    },
  };
}
