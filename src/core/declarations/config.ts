import { z } from 'zod/v4';

export const DeclarationsConfigSchema = z.strictObject({
  /** Days after which an untouched draft expires. */
  draftExpiryDays: z.number().int().min(1).max(365).default(30),
});

export type DeclarationsConfig = z.infer<typeof DeclarationsConfigSchema>;
