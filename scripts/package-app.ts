// `npm run package`: fills the manifest's ${{NAME}} placeholders, validates, writes build/appPackage.zip.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type SchemaObject } from 'ajv';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';

export type Env = Readonly<Record<string, string | undefined>>;
export type Result<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The fields this script and its tests read; the vendored JSON Schema checks everything else. */
export interface TeamsManifest {
  $schema?: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots?: {
    botId: string;
    scopes: string[];
    supportsFiles?: boolean;
    isNotificationOnly?: boolean;
    commandLists?: { scopes: string[]; commands: { title: string; description?: string }[] }[];
  }[];
  validDomains?: string[];
}

export const ZIP_FILE_NAME = 'appPackage.zip';
export const ICON_SIZES = { color: 192, outline: 32 } as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
// Fixed entry timestamps make the zip byte-for-byte reproducible.
const ZIP_ENTRY_TIME = new Date(2020, 0, 1);

// Friendlier messages than the schema's for the variables every deployment sets.
const KNOWN_VARIABLES: ReadonlyMap<string, { pattern: RegExp; hint: string }> = new Map([
  ['TEAMS_APP_ID', { pattern: GUID, hint: 'a GUID that identifies the Teams app' }],
  ['BOT_ID', { pattern: GUID, hint: "a GUID: the bot's Microsoft Entra app ID" }],
  [
    'BOT_DOMAIN',
    {
      pattern: HOST_NAME,
      hint: 'a bare host name such as bot.example.govt.nz (no https://, path, port or wildcard)',
    },
  ],
]);

export function defaultAppPackageDir(): string {
  return path.resolve('appPackage');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies `fn` to every string in a parsed JSON value, keys included. */
function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [fn(key), mapStrings(item, fn)]),
    );
  }
  return value;
}

export function findPlaceholders(value: unknown): string[] {
  const names = new Set<string>();
  mapStrings(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) if (match[1] !== undefined) names.add(match[1]);
    return text;
  });
  return [...names].sort();
}

/** Substitutes in parsed JSON, so a value containing quotes cannot change the manifest's structure. */
export function fillPlaceholders(template: unknown, env: Env): Result<unknown> {
  const names = findPlaceholders(template);
  const values = new Map<string, string>();
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const name of names) {
    const value = env[name]?.trim() ?? '';
    if (value === '') {
      missing.push(name);
      continue;
    }
    const known = KNOWN_VARIABLES.get(name);
    if (known !== undefined && !known.pattern.test(value)) {
      invalid.push(`${name} must be ${known.hint}.`);
    }
    values.set(name, value);
  }
  const problems = [...invalid];
  if (missing.length > 0) {
    problems.unshift(
      `Missing environment variables: ${missing.join(', ')} (used as \${{NAME}} in appPackage/manifest.json).`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const filled = mapStrings(template, (text) =>
    text.replace(PLACEHOLDER, (_whole, name: string) => values.get(name) ?? ''),
  );
  return { ok: true, value: filled };
}

export function schemaPathFor(appPackageDir: string, manifestVersion: string): string {
  return path.join(appPackageDir, 'schema', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra = isRecord(error.params) ? error.params['additionalProperty'] : undefined;
  return `${where} ${error.message ?? error.keyword}${typeof extra === 'string' ? `: ${extra}` : ''}`;
}

/** Validates against the vendored schema for the manifest's own `manifestVersion`, offline. */
export function validateAgainstSchema(
  manifest: unknown,
  appPackageDir: string,
): Result<TeamsManifest> {
  const version = isRecord(manifest) ? manifest['manifestVersion'] : undefined;
  if (typeof version !== 'string') return { ok: false, problems: ['manifestVersion is missing.'] };
  const schemaPath = schemaPathFor(appPackageDir, version);
  if (!existsSync(schemaPath)) {
    return {
      ok: false,
      problems: [
        `No vendored schema for manifestVersion ${version} (see appPackage/schema/README.md).`,
      ],
    };
  }
  const parsed: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
  if (!isRecord(parsed)) return { ok: false, problems: [`${schemaPath} is not a JSON object.`] };
  // The file says draft-04 but uses draft-07 keywords (const, if/then); see appPackage/schema/README.md.
  const { $schema: _declaredDraft, ...schema } = parsed;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  const validate = ajv.compile<TeamsManifest>(schema as SchemaObject);
  if (validate(manifest)) return { ok: true, value: manifest };
  return { ok: false, problems: (validate.errors ?? []).map(formatError) };
}

/** Rules from the Teams docs and store guidelines that the schema does not express. */
export function checkManifestRules(manifest: TeamsManifest): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(manifest);
  if (text.includes('${{')) {
    problems.push('An unfilled ${{...}} placeholder is left in the manifest.');
  }
  if (
    manifest.$schema !== undefined &&
    !manifest.$schema.includes(`/v${manifest.manifestVersion}/`)
  ) {
    problems.push(`$schema does not point at v${manifest.manifestVersion}.`);
  }
  if (!SEMVER.test(manifest.version)) problems.push(`version ${manifest.version} is not x.y.z.`);
  if (manifest.description.short === manifest.description.full) {
    problems.push('description.short and description.full must differ.');
  }
  const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
  for (const url of [websiteUrl, privacyUrl, termsOfUseUrl]) {
    if (!url.startsWith('https://')) problems.push(`Developer URL ${url} must use https.`);
  }
  for (const domain of manifest.validDomains ?? []) {
    if (domain.includes('*')) {
      problems.push(`validDomains entry ${domain} uses a wildcard.`);
    } else if (!HOST_NAME.test(domain)) {
      problems.push(`validDomains entry ${domain} is not a host name.`);
    }
  }
  for (const bot of manifest.bots ?? []) {
    for (const list of bot.commandLists ?? []) {
      const titles = list.commands.map((command) => command.title.toLowerCase());
      if (new Set(titles).size !== titles.length) {
        problems.push(`Duplicate command titles in the ${list.scopes.join('/')} command list.`);
      }
    }
  }
  return problems;
}

export function checkIcons(appPackageDir: string, icons: TeamsManifest['icons']): string[] {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const file = icons[kind];
    const size = ICON_SIZES[kind];
    if (path.basename(file) !== file) {
      problems.push(`Icon ${file} must be a file name at the root of appPackage.`);
      continue;
    }
    const iconPath = path.join(appPackageDir, file);
    if (!existsSync(iconPath)) {
      problems.push(`Icon ${file} is missing.`);
      continue;
    }
    const png = PNG.sync.read(readFileSync(iconPath));
    if (png.width !== size || png.height !== size) {
      problems.push(`${file} is ${png.width}×${png.height}; Teams needs ${size}×${size}.`);
    }
    if (kind === 'outline' && !isWhiteOnTransparent(png.data)) {
      problems.push(`${file} must be white (any alpha) on a fully transparent background.`);
    }
  }
  return problems;
}

export function isWhiteOnTransparent(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    const transparent = rgba[i + 3] === 0;
    const white = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255;
    if (!transparent && !white) return false;
  }
  return true;
}

/** Every check, in order; stops before writing anything if a step fails. */
export function prepareManifest(env: Env, appPackageDir: string): Result<TeamsManifest> {
  const template: unknown = JSON.parse(
    readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8'),
  );
  const filled = fillPlaceholders(template, env);
  if (!filled.ok) return filled;
  const valid = validateAgainstSchema(filled.value, appPackageDir);
  if (!valid.ok) return valid;
  const problems = [
    ...checkManifestRules(valid.value),
    ...checkIcons(appPackageDir, valid.value.icons),
  ];
  return problems.length > 0 ? { ok: false, problems } : valid;
}

export function buildAppPackage(
  env: Env,
  outDir: string,
  appPackageDir: string = defaultAppPackageDir(),
): Result<{ zipPath: string; manifest: TeamsManifest }> {
  const prepared = prepareManifest(env, appPackageDir);
  if (!prepared.ok) return prepared;
  const manifest = prepared.value;
  const entry = (data: Uint8Array): [Uint8Array, { mtime: Date }] => [
    data,
    { mtime: ZIP_ENTRY_TIME },
  ];
  const zip = zipSync(
    {
      'manifest.json': entry(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')),
      [manifest.icons.color]: entry(readFileSync(path.join(appPackageDir, manifest.icons.color))),
      [manifest.icons.outline]: entry(
        readFileSync(path.join(appPackageDir, manifest.icons.outline)),
      ),
    },
    { level: 9 },
  );
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, ZIP_FILE_NAME);
  writeFileSync(zipPath, zip);
  return { ok: true, value: { zipPath, manifest } };
}

// Run from the repository root (npm scripts do): reads ./appPackage, writes ./build.
if (path.basename(process.argv[1] ?? '') === 'package-app.ts') {
  const result = buildAppPackage(process.env, path.resolve('build'));
  if (result.ok) {
    console.log(`Wrote ${path.relative(process.cwd(), result.value.zipPath)}`);
  } else {
    console.error('Cannot build the Teams app package:');
    for (const problem of result.problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  }
}
