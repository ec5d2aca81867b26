import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import {
  buildAppPackage,
  checkManifestRules,
  fillPlaceholders,
  findPlaceholders,
  schemaPathFor,
  validateAgainstSchema,
  type TeamsManifest,
} from '../../scripts/package-app';

// Mocha runs from the repository root (.mocharc.json lives there).
const APP_PACKAGE_DIR = path.resolve('appPackage');
const TEST_ENV = {
  BOT_ID: '00000000-0000-4000-8000-00000000b071',
  TEAMS_APP_ID: '00000000-0000-4000-8000-0000000a7700',
  BOT_DOMAIN: 'integrity-bot.example.govt.nz',
} as const;

function readTemplate(): unknown {
  return JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));
}

function filledTemplate(env: Readonly<Record<string, string>> = TEST_ENV): unknown {
  const filled = fillPlaceholders(readTemplate(), env);
  assert.ok(filled.ok, filled.ok ? '' : filled.problems.join('\n'));
  return filled.value;
}

function validManifest(): TeamsManifest {
  const result = validateAgainstSchema(filledTemplate(), APP_PACKAGE_DIR);
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  return result.value;
}

function readPng(file: string): PNG {
  return PNG.sync.read(readFileSync(path.join(APP_PACKAGE_DIR, file)));
}

describe('Teams app manifest', () => {
  it('targets a released manifest version (1.19 or later) whose schema is vendored', () => {
    const manifest = validManifest();
    const [major, minor] = manifest.manifestVersion.split('.').map(Number);
    assert.equal(major, 1);
    assert.ok((minor ?? 0) >= 19, `manifestVersion ${manifest.manifestVersion} is older than 1.19`);
    assert.ok(existsSync(schemaPathFor(APP_PACKAGE_DIR, manifest.manifestVersion)));
    assert.equal(
      manifest.$schema,
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  });

  it('uses only the placeholders a deployment sets', () => {
    assert.deepEqual(findPlaceholders(readTemplate()), ['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
  });

  it('validates against the official schema offline once placeholders are filled', () => {
    const manifest = validManifest();
    assert.deepEqual(checkManifestRules(manifest), []);
    assert.equal(manifest.id, TEST_ENV.TEAMS_APP_ID);
    assert.ok(!JSON.stringify(manifest).includes('${{'));
  });

  it('rejects manifests the schema forbids (the validator is not a no-op)', () => {
    const manifest = filledTemplate();
    assert.ok(manifest !== null && typeof manifest === 'object');
    const broken: Record<string, unknown> = { ...manifest, accentColor: 'teal', unknownField: 1 };
    delete broken['developer'];
    const result = validateAgainstSchema(broken, APP_PACKAGE_DIR);
    assert.equal(result.ok, false);
    const problems = result.ok ? '' : result.problems.join('\n');
    assert.match(problems, /developer/);
    assert.match(problems, /unknownField/);
    assert.match(problems, /accentColor/);
  });

  it('installs the bot in personal, team and group chat scopes as a conversational bot', () => {
    const bots = validManifest().bots ?? [];
    assert.equal(bots.length, 1);
    const bot = bots[0];
    assert.ok(bot !== undefined);
    assert.equal(bot.botId, TEST_ENV.BOT_ID);
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.isNotificationOnly, false);
    assert.equal(bot.supportsFiles, false);
  });

  it('lists the personal and adviser-channel commands', () => {
    const lists = validManifest().bots?.[0]?.commandLists ?? [];
    const titles = (scope: string): string[] =>
      lists.find((list) => list.scopes.includes(scope))?.commands.map((c) => c.title) ?? [];
    assert.deepEqual(titles('personal'), [
      'help',
      'ask a question',
      'declare',
      'my declarations',
      'talk to an adviser',
    ]);
    assert.deepEqual(titles('team'), [
      'register this channel',
      'queue',
      'my tickets',
      'stats',
      'help',
    ]);
  });

  it('lists the bot domain in validDomains, with no wildcard', () => {
    const domains = validManifest().validDomains ?? [];
    assert.deepEqual(domains, [TEST_ENV.BOT_DOMAIN]);
    for (const domain of domains) assert.ok(!domain.includes('*'), domain);
  });

  it('names every missing variable at once and checks the known ones', () => {
    const none = fillPlaceholders(readTemplate(), {});
    assert.equal(none.ok, false);
    const missing = none.ok ? '' : none.problems.join('\n');
    for (const name of ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN']) {
      assert.match(missing, new RegExp(name));
    }

    const bad = fillPlaceholders(readTemplate(), {
      ...TEST_ENV,
      BOT_ID: 'not-a-guid',
      BOT_DOMAIN: 'https://*.example.govt.nz',
    });
    assert.equal(bad.ok, false);
    const invalid = bad.ok ? '' : bad.problems.join('\n');
    assert.match(invalid, /BOT_ID/);
    assert.match(invalid, /BOT_DOMAIN/);
  });
});

describe('Teams app icons', () => {
  it('has a 192×192 colour icon with a solid or transparent background', () => {
    const png = readPng('color.png');
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    for (const [x, y] of [
      [0, 0],
      [191, 0],
      [0, 191],
      [191, 191],
    ] as const) {
      const alpha = png.data[(y * png.width + x) * 4 + 3];
      assert.ok(alpha === 0 || alpha === 255, `corner ${x},${y} alpha ${alpha}`);
    }
  });

  it('has a 32×32 outline icon that is white on transparent only', () => {
    const png = readPng('outline.png');
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    let visible = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
      if (a === 0) continue;
      visible += 1;
      assert.ok(r === 255 && g === 255 && b === 255, `pixel ${i / 4} is rgb(${r},${g},${b})`);
    }
    assert.ok(visible > 0, 'outline.png is empty');
  });

  it('matches what scripts/make-icons.ts draws', () => {
    assert.deepEqual(PNG.sync.read(drawColorIcon()).data, readPng('color.png').data);
    assert.deepEqual(PNG.sync.read(drawOutlineIcon()).data, readPng('outline.png').data);
  });
});

describe('npm run package', () => {
  let outDir = '';

  beforeEach(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  });

  afterEach(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('writes a zip with the filled manifest and both icons at its root', () => {
    const result = buildAppPackage(TEST_ENV, outDir, APP_PACKAGE_DIR);
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.equal(result.value.zipPath, path.join(outDir, 'appPackage.zip'));

    const entries = unzipSync(readFileSync(result.value.zipPath));
    assert.deepEqual(Object.keys(entries).sort(), ['color.png', 'manifest.json', 'outline.png']);
    for (const [name, data] of Object.entries(entries)) {
      assert.ok(!Buffer.from(data).toString('latin1').includes('${{'), `${name} has a placeholder`);
    }
    const manifestBytes = entries['manifest.json'];
    assert.ok(manifestBytes !== undefined);
    const manifest: unknown = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
    const zipped = validateAgainstSchema(manifest, APP_PACKAGE_DIR);
    assert.ok(zipped.ok, zipped.ok ? '' : zipped.problems.join('\n'));
    assert.equal(zipped.value.bots?.[0]?.botId, TEST_ENV.BOT_ID);
    for (const icon of ['color.png', 'outline.png']) {
      const zippedIcon = entries[icon];
      assert.ok(zippedIcon !== undefined);
      assert.ok(Buffer.from(zippedIcon).equals(readFileSync(path.join(APP_PACKAGE_DIR, icon))));
    }
  });

  it('is reproducible byte for byte', () => {
    const first = buildAppPackage(TEST_ENV, outDir, APP_PACKAGE_DIR);
    assert.ok(first.ok);
    const firstBytes = readFileSync(first.value.zipPath);
    const second = buildAppPackage(TEST_ENV, outDir, APP_PACKAGE_DIR);
    assert.ok(second.ok);
    assert.ok(firstBytes.equals(readFileSync(second.value.zipPath)));
  });

  it('writes nothing when a variable is missing', () => {
    const { BOT_DOMAIN: _unset, ...partial } = TEST_ENV;
    const result = buildAppPackage(partial, outDir, APP_PACKAGE_DIR);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems.join('\n'), /BOT_DOMAIN/);
    assert.equal(existsSync(path.join(outDir, 'appPackage.zip')), false);
  });
});
