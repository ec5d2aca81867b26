import { z } from 'zod/v4';

export const EscalationsConfigSchema = z.strictObject({
  /** Working hours a ticket may stay unassigned before the channel is reminded. */
  unassignedReminderHours: z.number().min(1).max(80).default(4),
});

export type EscalationsConfig = z.infer<typeof EscalationsConfigSchema>;
