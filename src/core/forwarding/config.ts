import { z } from 'zod/v4';

const UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration as an administrator writes it ("5s", "30m", "2h", "1d") or a number of milliseconds. */
export const DurationSchema = z.union(
  [
    z.number().int().min(0),
    z
      .string()
      .trim()
      .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration such as 5s, 30m, 2h or 1d')
      .transform((text) => {
        const [, amount, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(text) ?? [];
        return Number(amount) * UNITS_MS[unit as keyof typeof UNITS_MS];
      }),
  ],
  { error: 'expected a duration such as 5s, 30m, 2h or 1d' },
);

const DestinationIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens');

/** Names an environment variable; the secret itself never appears in the file. */
const EnvNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'name an environment variable (upper case), not the secret itself');

export const WebhookDestinationSchema = z.strictObject({
  id: DestinationIdSchema,
  type: z.literal('webhook'),
  url: z.url({ protocol: /^https?$/, error: 'Invalid URL' }),
  /** Holds `whsec_<base64>`: one secret per endpoint. */
  secretEnv: EnvNameSchema,
  /** During rotation: the old secret, so receivers still on it keep verifying (both are sent). */
  previousSecretEnv: EnvNameSchema.optional(),
  timeoutMs: z.number().int().min(1_000).max(30_000).default(10_000),
  /** CloudEvents structured mode; application/json suits receivers (Power Automate) that parse only that. */
  contentType: z
    .enum(['application/cloudevents+json', 'application/json'])
    .default('application/cloudevents+json'),
});

export const EmailDestinationSchema = z.strictObject({
  id: DestinationIdSchema,
  type: z.literal('email'),
  to: z.array(z.email()).min(1),
  /** Where the record lives, named in the email (e.g. "the HR case system" or its URL). */
  recordLocation: z.string().trim().min(1).max(300).optional(),
  /** Attach the full event as JSON. Off by default: the body never carries declaration content. */
  allowAttachJson: z.boolean().default(false),
});

export const FileDestinationSchema = z.strictObject({
  id: DestinationIdSchema,
  type: z.literal('file'),
  /** Folder for one JSON file per event, relative to the working directory. */
  path: z.string().trim().min(1),
});

export const DestinationSchema = z.discriminatedUnion(
  'type',
  [WebhookDestinationSchema, EmailDestinationSchema, FileDestinationSchema],
  { error: 'expected webhook, email or file' },
);

export const RouteSchema = z.strictObject({
  /** Form ids, or "*" for every form. */
  forms: z.array(z.string().trim().min(1)).min(1),
  to: z.array(DestinationIdSchema).min(1),
});

export const SmtpConfigSchema = z.strictObject({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** Implicit TLS (port 465). Otherwise STARTTLS, required unless requireTls is false. */
  secure: z.boolean().default(false),
  requireTls: z.boolean().default(true),
  from: z.email(),
  userEnv: EnvNameSchema.optional(),
  passwordEnv: EnvNameSchema.optional(),
  timeoutMs: z.number().int().min(1_000).max(120_000).default(30_000),
});

/** Svix's schedule: about 27.6 hours from the first attempt to the last of eight. */
export const DEFAULT_RETRY_SCHEDULE = ['5s', '5m', '30m', '2h', '5h', '10h', '10h'] as const;

export const RetryConfigSchema = z.strictObject({
  /** Delay before each retry; the number of entries is the number of retries. */
  schedule: z
    .array(DurationSchema)
    .min(1)
    .max(30)
    .prefault([...DEFAULT_RETRY_SCHEDULE]),
  /** Each delay varies by up to this fraction either way, so retries from many events spread out. */
  jitter: z.number().min(0).max(0.5).default(0.2),
  /** A receiver's Retry-After is honoured up to this long. */
  maxRetryAfter: DurationSchema.prefault('24h'),
});

export const WorkerConfigSchema = z.strictObject({
  /** How often an idle worker looks for due events. */
  pollInterval: DurationSchema.prefault('1s'),
  /** Events claimed (and sent in parallel) per round. */
  batchSize: z.number().int().min(1).max(200).default(10),
  /** A claimed event goes back to the queue if its worker has not finished within this time. */
  lease: DurationSchema.prefault('2m'),
});

export const ForwardingConfigSchema = z
  .strictObject({
    /** CloudEvents `source`: identifies this bot at this agency (a URI reference). */
    source: z
      .string()
      .trim()
      .min(1)
      .regex(/^[^\s]+$/, 'a URI reference without spaces')
      .default('/integrity-assistant'),
    /**
     * Turns a form's schema id (e.g. gift-hospitality@1) into the CloudEvents `dataschema` URI:
     * {id} is the whole id, {name} and {version} its parts. For published files, e.g.
     * https://intranet.example.govt.nz/integrity/schemas/{name}.v{version}.json
     */
    schemaUri: z
      .string()
      .regex(/^[a-z][a-z0-9+.-]*:\S*$/i, 'an absolute URI template')
      .refine((t) => t.includes('{id}') || t.includes('{name}'), 'must contain {id} or {name}')
      .default('urn:integrity-assistant:schema:{id}'),
    destinations: z.array(DestinationSchema).default([]),
    routes: z.array(RouteSchema).default([]),
    smtp: SmtpConfigSchema.optional(),
    /** Webhook hosts allowed in production (exact, or "*.example.govt.nz" for subdomains). */
    allowedHosts: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^(\*\.)?[a-z0-9.-]+$/, 'a host name, optionally starting with *.'),
      )
      .default([]),
    retry: RetryConfigSchema.prefault({}),
    worker: WorkerConfigSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.destinations.forEach((destination, i) => {
      if (seen.has(destination.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', i, 'id'],
          message: `duplicate destination id "${destination.id}"`,
        });
      }
      seen.add(destination.id);
      if (destination.type === 'email' && config.smtp === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', i, 'type'],
          message: 'an email destination needs forwarding.smtp',
        });
      }
      if (
        destination.type === 'webhook' &&
        destination.previousSecretEnv === destination.secretEnv
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', i, 'previousSecretEnv'],
          message: 'must differ from secretEnv',
        });
      }
    });
    config.routes.forEach((route, i) =>
      route.to.forEach((id, j) => {
        if (!seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['routes', i, 'to', j],
            message: `unknown destination id "${id}"`,
          });
        }
      }),
    );
    const longestTimeout = Math.max(
      config.smtp?.timeoutMs ?? 0,
      ...config.destinations.map((d) => (d.type === 'webhook' ? d.timeoutMs : 0)),
    );
    if (config.worker.lease < longestTimeout * 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['worker', 'lease'],
        message: `must be at least twice the longest timeout (${longestTimeout * 2} ms)`,
      });
    }
  });

export type ForwardingConfig = z.infer<typeof ForwardingConfigSchema>;
export type DestinationConfig = z.infer<typeof DestinationSchema>;
export type WebhookDestination = z.infer<typeof WebhookDestinationSchema>;
export type EmailDestination = z.infer<typeof EmailDestinationSchema>;
export type FileDestination = z.infer<typeof FileDestinationSchema>;
export type SmtpConfig = z.infer<typeof SmtpConfigSchema>;
export type RetryConfig = z.infer<typeof RetryConfigSchema>;
