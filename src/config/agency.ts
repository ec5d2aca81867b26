import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod/v4';
import { DeclarationsConfigSchema } from '../core/declarations/config';
import { EscalationsConfigSchema } from '../core/escalations/config';
import { ForwardingConfigSchema } from '../core/forwarding/config';
import { KnowledgeConfigSchema } from '../core/knowledge/config';

export const AgencyConfigSchema = z.strictObject({
  agency: z.strictObject({
    name: z.string().trim().min(1),
    integrityContact: z.strictObject({
      name: z.string().trim().min(1),
      email: z.email(),
      phone: z.string().trim().min(1).optional(),
      url: z.url({ protocol: /^https$/ }).optional(),
    }),
    privacyOfficerEmail: z.email().optional(),
  }),
  advisers: z
    .strictObject({
      /** Entra object ids of integrity advisers. */
      ids: z.array(z.guid()).default([]),
      /** Optionally, a Teams team whose members are also advisers (checked against Teams membership). */
      teamId: z.string().min(1).optional(),
    })
    .prefault({}),
  knowledge: KnowledgeConfigSchema.prefault({}),
  declarations: DeclarationsConfigSchema.prefault({}),
  forwarding: ForwardingConfigSchema.prefault({}),
  escalations: EscalationsConfigSchema.prefault({}),
});

export type AgencyConfig = z.infer<typeof AgencyConfigSchema>;

export type AgencyConfigResult =
  { ok: true; value: AgencyConfig } | { ok: false; problems: string[] };

/** Formats a zod issue path the way an administrator reads YAML: `forwarding.destinations[1].url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

export function parseAgencyConfig(source: string, fileLabel: string): AgencyConfigResult {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => `${fileLabel}: ${e.message}`) };
  }
  const parsed = AgencyConfigSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`,
      ),
    };
  }
  return { ok: true, value: parsed.data };
}

export function readAgencyConfig(path: string): AgencyConfigResult {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, problems: [`${path}: cannot read the agency config (${code})`] };
  }
  return parseAgencyConfig(source, path);
}
