import { resolve } from 'node:path';
import { readAgencyConfig, type AgencyConfig } from './agency';
import { parseEnv, type EnvConfig } from './env';
import type { ForwardingSecrets } from '../core/forwarding/secrets';
import { resolveForwardingSecrets } from './secrets';

export interface AppConfig {
  readonly env: EnvConfig;
  readonly agency: AgencyConfig;
  /** Resolved from the environment variables the agency file names; absent means none. */
  readonly secrets?: { readonly forwarding: ForwardingSecrets };
}

export type ConfigResult = { ok: true; value: AppConfig } | { ok: false; problems: string[] };

/** The only reader of process.env: parses the environment and the agency file once, listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const envResult = parseEnv(env);
  const agencyPath = resolve(
    envResult.ok ? envResult.value.agencyConfigPath : (env.AGENCY_CONFIG ?? 'config/agency.yaml'),
  );
  const agencyResult = readAgencyConfig(agencyPath);
  const problems = [
    ...(envResult.ok ? [] : envResult.problems),
    ...(agencyResult.ok ? [] : agencyResult.problems),
  ];
  if (!envResult.ok || !agencyResult.ok) return { ok: false, problems };
  const secrets = resolveForwardingSecrets(
    agencyResult.value.forwarding,
    env,
    envResult.value.mode,
  );
  if (!secrets.ok) return { ok: false, problems: secrets.problems };
  return {
    ok: true,
    value: deepFreeze({
      env: envResult.value,
      agency: agencyResult.value,
      secrets: { forwarding: secrets.value },
    }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
