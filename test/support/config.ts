import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AgencyConfigSchema, type AgencyConfig } from '../../src/config/agency';
import { parseEnv } from '../../src/config/env';
import type { AppConfig } from '../../src/config/load-config';
import { ADVISER_A, ADVISER_B, TENANT_ID } from './users';

export function tempDir(prefix = 'integrity-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * The committed agency config with the test advisers, a fresh data folder, and any overrides merged
 * in (objects merge, arrays replace). Parsed through the real schema.
 */
export function testConfig(
  overrides: { agency?: DeepPartial<AgencyConfig>; env?: Record<string, string> } = {},
): AppConfig {
  const base = parse(readFileSync('config/agency.yaml', 'utf8')) as Record<string, unknown>;
  const dataDir = overrides.env?.DATA_DIR ?? tempDir();
  const merged = merge(base, {
    advisers: { ids: [ADVISER_A.aadObjectId, ADVISER_B.aadObjectId] },
    forwarding: { destinations: localFolderIn(base, dataDir) },
  });
  const agency = AgencyConfigSchema.parse(merge(merged, overrides.agency ?? {}));
  const env = parseEnv({
    DATA_DIR: dataDir,
    ALLOWED_TENANT_IDS: TENANT_ID,
    LOG_LEVEL: 'silent',
    ...overrides.env,
  });
  if (!env.ok) throw new Error(env.problems.join('; '));
  return { env: env.value, agency };
}

/** The committed file destinations, writing into the test's own data folder instead of ./data. */
function localFolderIn(base: Record<string, unknown>, dataDir: string): unknown[] {
  const forwarding = (base.forwarding ?? {}) as { destinations?: Array<Record<string, unknown>> };
  return (forwarding.destinations ?? []).map((d) =>
    d.type === 'file' ? { ...d, path: join(dataDir, 'forwarded') } : d,
  );
}

function merge(base: Record<string, unknown>, patch: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current)
        ? merge(current as Record<string, unknown>, value as object)
        : value;
  }
  return out;
}
