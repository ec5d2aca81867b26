import type { Activity } from 'botbuilder';

/**
 * The tenant an activity claims to come from. Teams puts it in channelData.tenant.id and, in most
 * contexts, conversation.tenantId; when both are present they must agree.
 */
export function activityTenant(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData =
    typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  const fromConversation = activity.conversation?.tenantId;
  if (
    fromChannelData !== undefined &&
    fromConversation !== undefined &&
    fromChannelData !== fromConversation
  ) {
    return undefined;
  }
  return fromChannelData ?? fromConversation;
}
