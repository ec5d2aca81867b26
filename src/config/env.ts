import { z } from 'zod/v4';

/** The tenant in .m365agentsplayground.yml; local mode allow-lists it unless ALLOWED_TENANT_IDS says otherwise. */
export const LOCAL_CLIENT_TENANT_ID = '3d6f2a1c-5b7e-4c19-8a42-6e0b9d1f7c01';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

export const RawEnvSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  BOT_TYPE: z.enum(['SingleTenant', 'UserAssignedMsi']).optional(),
  BOT_TENANT_ID: optionalText,
  ALLOWED_TENANT_IDS: csv,
  DATA_DIR: z.string().trim().min(1).default('./data'),
  AGENCY_CONFIG: z.string().trim().min(1).default('config/agency.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PSEUDONYM_KEY: optionalText,
  RUN_WORKER: z.enum(['true', 'false']).default('true'),
  MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
});

export type RawEnv = z.infer<typeof RawEnvSchema>;

export type BotAuth =
  | { kind: 'anonymous' }
  | { kind: 'SingleTenant'; appId: string; password: string; tenantId: string }
  | { kind: 'UserAssignedMsi'; appId: string; tenantId: string };

export interface EnvConfig {
  mode: 'local' | 'production';
  host: string;
  port: number;
  auth: BotAuth;
  allowedTenantIds: readonly string[];
  dataDir: string;
  agencyConfigPath: string;
  logLevel: RawEnv['LOG_LEVEL'];
  pseudonymKey: string | undefined;
  runWorker: boolean;
  /** Typed messages one person may send per minute. */
  messagesPerMinute: number;
}

export type EnvResult = { ok: true; value: EnvConfig } | { ok: false; problems: string[] };

/** Decides the mode from what is configured: any bot credential or NODE_ENV=production means production. */
export function parseEnv(env: Readonly<Record<string, string | undefined>>): EnvResult {
  const parsed = RawEnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const raw = parsed.data;
  const production =
    raw.NODE_ENV === 'production' ||
    [raw.BOT_ID, raw.BOT_PASSWORD, raw.BOT_TYPE, raw.BOT_TENANT_ID].some((v) => v !== undefined);
  return production ? productionEnv(raw) : localEnv(raw);
}

function localEnv(raw: RawEnv): EnvResult {
  const host = raw.HOST ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    return {
      ok: false,
      problems: [
        `HOST: local mode (no bot credentials) only binds to a loopback address, not "${host}". Configure BOT_ID, BOT_PASSWORD, BOT_TYPE and BOT_TENANT_ID for production.`,
      ],
    };
  }
  return {
    ok: true,
    value: {
      ...common(raw),
      mode: 'local',
      host,
      auth: { kind: 'anonymous' },
      allowedTenantIds:
        raw.ALLOWED_TENANT_IDS.length > 0 ? raw.ALLOWED_TENANT_IDS : [LOCAL_CLIENT_TENANT_ID],
    },
  };
}

function productionEnv(raw: RawEnv): EnvResult {
  const problems: string[] = [];
  if (raw.BOT_ID === undefined) problems.push('BOT_ID: required in production');
  if (raw.BOT_TYPE === undefined)
    problems.push('BOT_TYPE: required in production (SingleTenant or UserAssignedMsi)');
  if (raw.BOT_TENANT_ID === undefined) problems.push('BOT_TENANT_ID: required in production');
  if (raw.BOT_TYPE !== 'UserAssignedMsi' && raw.BOT_PASSWORD === undefined)
    problems.push('BOT_PASSWORD: required in production unless BOT_TYPE is UserAssignedMsi');
  if (raw.BOT_TYPE === 'UserAssignedMsi' && raw.BOT_PASSWORD !== undefined)
    problems.push('BOT_PASSWORD: must not be set when BOT_TYPE is UserAssignedMsi');
  if (raw.ALLOWED_TENANT_IDS.length === 0 && raw.BOT_TENANT_ID === undefined)
    problems.push('ALLOWED_TENANT_IDS: required in production (or set BOT_TENANT_ID)');
  if (problems.length > 0 || raw.BOT_ID === undefined || raw.BOT_TENANT_ID === undefined) {
    return { ok: false, problems };
  }
  const auth: BotAuth =
    raw.BOT_TYPE === 'UserAssignedMsi'
      ? { kind: 'UserAssignedMsi', appId: raw.BOT_ID, tenantId: raw.BOT_TENANT_ID }
      : {
          kind: 'SingleTenant',
          appId: raw.BOT_ID,
          password: raw.BOT_PASSWORD ?? '',
          tenantId: raw.BOT_TENANT_ID,
        };
  return {
    ok: true,
    value: {
      ...common(raw),
      mode: 'production',
      host: raw.HOST ?? '0.0.0.0',
      auth,
      allowedTenantIds:
        raw.ALLOWED_TENANT_IDS.length > 0 ? raw.ALLOWED_TENANT_IDS : [raw.BOT_TENANT_ID],
    },
  };
}

function common(raw: RawEnv) {
  return {
    port: raw.PORT,
    dataDir: raw.DATA_DIR,
    agencyConfigPath: raw.AGENCY_CONFIG,
    logLevel: raw.LOG_LEVEL,
    pseudonymKey: raw.LOG_PSEUDONYM_KEY,
    runWorker: raw.RUN_WORKER === 'true',
    messagesPerMinute: raw.MESSAGES_PER_MINUTE,
  };
}
