import { z } from 'zod/v4';

export const ForwardingConfigSchema = z.strictObject({
  destinations: z
    .array(
      z.strictObject({ id: z.string().min(1), type: z.literal('file'), path: z.string().min(1) }),
    )
    .default([]),
});

export type ForwardingConfig = z.infer<typeof ForwardingConfigSchema>;
