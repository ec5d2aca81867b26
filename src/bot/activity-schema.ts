import { z } from 'zod/v4';

const account = z.looseObject({
  id: z.string().min(1).max(1024),
  name: z.string().max(1024).optional(),
  aadObjectId: z.string().max(128).optional(),
});

/**
 * The shape every inbound activity must have before botbuilder sees it. Loose, because Teams adds
 * fields over time; strict where handlers depend on a field.
 */
export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  name: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1).max(2048),
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
  }),
  text: z.string().max(28_000).optional(),
  deliveryMode: z.enum(['normal', 'expectReplies', 'notification', 'ephemeral']).optional(),
});

export type InboundActivity = z.infer<typeof InboundActivitySchema>;
