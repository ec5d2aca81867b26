import { z } from 'zod/v4';
import { FOCUS_AREAS } from '../knowledge/article';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')
  .max(40);

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 08:30');

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** YAML may give a bare date as a string or a Date; either way it must be a real calendar day. */
const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.iso.date(),
);

export const TopicSchema = z.strictObject({
  id: slug,
  label: z.string().trim().min(1).max(80),
  /** The knowledge focus area a published FAQ draft on this topic starts with. */
  focusArea: z.enum(FOCUS_AREAS).default('general'),
});

export const UrgencySchema = z.strictObject({
  id: slug,
  label: z.string().trim().min(1).max(80),
});

const DEFAULT_TOPICS = [
  { id: 'conflicts', label: 'Conflicts of interest', focusArea: 'conflicts' },
  { id: 'gifts', label: 'Gifts, hospitality and koha', focusArea: 'conflicts' },
  { id: 'secondary-employment', label: 'Secondary employment', focusArea: 'conflicts' },
  { id: 'conduct', label: 'Code of Conduct and behaviour', focusArea: 'standards' },
  { id: 'political', label: 'Political neutrality', focusArea: 'standards' },
  { id: 'speaking-up', label: 'Speaking up and protected disclosures', focusArea: 'complaints' },
  { id: 'fraud', label: 'Fraud, bribery and corruption', focusArea: 'corruption-fraud' },
  { id: 'information', label: 'Information, privacy and the OIA', focusArea: 'general' },
  { id: 'other', label: 'Something else', focusArea: 'general' },
] as const;

const DEFAULT_URGENCIES = [
  { id: 'normal', label: 'Normal: within a few working days' },
  { id: 'soon', label: 'Soon: I need to decide this week' },
  { id: 'urgent', label: 'Urgent: today, before I act' },
] as const;

export const EscalationsConfigSchema = z
  .strictObject({
    /** Topics offered on the "Ask an adviser" card; the first is the default. */
    topics: z
      .array(TopicSchema)
      .min(1)
      .max(30)
      .default([...DEFAULT_TOPICS]),
    /** Urgency levels offered on the card, least urgent first; the first is the default. */
    urgencies: z
      .array(UrgencySchema)
      .min(1)
      .max(6)
      .default([...DEFAULT_URGENCIES]),
    /** Time zone of the working hours and public holidays (IANA name). */
    timeZone: z
      .string()
      .min(1)
      .default('Pacific/Auckland')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-NZ', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'is not a time zone this runtime knows'),
    workingHours: z
      .strictObject({
        start: clockTime.default('08:30'),
        end: clockTime.default('17:00'),
        days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      })
      .refine((h) => h.start < h.end, 'start must be before end')
      .prefault({}),
    /** Days that are not working days (public holidays, the agency's close-down). */
    holidays: z
      .array(z.strictObject({ date: isoDate, name: z.string().trim().min(1).max(80) }))
      .default([]),
    /** Working hours a ticket may stay unassigned before the channel is reminded (once per period). */
    unassignedReminderHours: z.number().min(1).max(80).default(4),
    /** Calendar days after which an answered ticket with no follow-up is closed. */
    autoCloseDays: z.number().int().min(1).max(90).default(14),
    /**
     * Where "Publish as FAQ" writes draft articles for curators. Defaults to `<knowledge.dir>/drafts`,
     * the folder `npm run kb -- drafts` lists.
     */
    draftsDir: z.string().min(1).optional(),
  })
  .refine(
    (c) => new Set(c.topics.map((t) => t.id)).size === c.topics.length,
    'topic ids must be unique',
  )
  .refine(
    (c) => new Set(c.urgencies.map((u) => u.id)).size === c.urgencies.length,
    'urgency ids must be unique',
  );

export type EscalationsConfig = z.infer<typeof EscalationsConfigSchema>;
export type Weekday = (typeof WEEKDAYS)[number];
export { WEEKDAYS };
