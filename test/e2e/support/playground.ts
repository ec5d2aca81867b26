/**
 * End-to-end harness around the Microsoft 365 Agents Playground (`agentsplayground` CLI from
 * `@microsoft/m365agentsplayground`), driven by playwright-core with Debian's chromium.
 *
 * What the Playground can and cannot do is written up in docs/playground.md. In short:
 * - one Playground process is one signed-in user (the config file's `currentUser`); the UI has no
 *   user switcher. `startPlayground({ asUser })` starts a process as another user of the config.
 * - personal chat, one group chat and one team (General + one more channel) are available;
 * - in the group chat and in channels the bot only receives messages that @mention it;
 * - Adaptive Cards render with Action.Submit, Action.Execute (the invoke response replaces the
 *   card in place), Action.ShowCard and Action.OpenUrl; task modules (task/fetch) do not open.
 *
 * The selectors below were read from Playground 0.2.28; they live in SELECTORS so an upgrade
 * only has to touch one place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod/v4';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** DOM hooks of the Playground web UI (version 0.2.28). */
export const SELECTORS = {
  /** Every message composer (Lexical editor): the chat box, a channel's new post box, each thread's reply box. */
  composer: '[role="textbox"][data-lexical-editor="true"]',
  /**
   * The body of a bot text message, in chats and in channel threads. The Playground renders bot
   * text as Markdown and the renderer leaves a `node` attribute on each block; user messages and
   * the chat list preview are plain spans, so this matches bot text only.
   */
  botTextBody: 'div:has(> [node])',
  /** A rendered Adaptive Card, not counting the nested card an Action.ShowCard opens. */
  card: '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)',
} as const;

// ---------------------------------------------------------------------------------------------
// Config file
// ---------------------------------------------------------------------------------------------

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  userPrincipleName: z.string(),
  aadObjectId: z.string(),
  givenName: z.string(),
  surname: z.string(),
  email: z.string(),
});

const configSchema = z.object({
  version: z.string(),
  tenantId: z.string(),
  bot: z.object({ id: z.string(), name: z.string() }),
  currentUser: userSchema,
  users: z.array(userSchema),
  personalChat: z.object({ id: z.string() }),
  groupChat: z.object({ id: z.string(), name: z.string() }),
  team: z.object({
    id: z.string(),
    name: z.string(),
    aadGroupId: z.string(),
    channels: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});

export type PlaygroundUser = z.infer<typeof userSchema>;
export type PlaygroundConfig = z.infer<typeof configSchema>;

/** The committed config at the repository root (tests run from there). */
export const DEFAULT_CONFIG_PATH = path.resolve('.m365agentsplayground.yml');

export async function readPlaygroundConfig(
  configPath: string = DEFAULT_CONFIG_PATH,
): Promise<PlaygroundConfig> {
  const text = await readFile(configPath, 'utf8');
  return configSchema.parse(parseYaml(text));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The personal chat id a derived config gives a user (the committed file follows the same pattern). */
export function personalChatIdFor(user: PlaygroundUser): string {
  return `a:personal-chat-${slug(user.name)}`;
}

/**
 * The same config with `who` (a display name, user id or aadObjectId from `users`) as the signed-in
 * user. The previous current user moves into `users` (the Playground insists on exactly five), and
 * the personal chat gets that user's own id so the bot sees two different 1:1 conversations.
 */
export function configAsUser(config: PlaygroundConfig, who: string): PlaygroundConfig {
  const matches = (u: PlaygroundUser): boolean =>
    u.name === who || u.id === who || u.aadObjectId === who;
  if (matches(config.currentUser)) return config;
  const user = config.users.find(matches);
  if (!user) {
    const names = [config.currentUser, ...config.users].map((u) => u.name).join(', ');
    throw new Error(`No user "${who}" in the Playground config; it has: ${names}`);
  }
  return {
    ...config,
    currentUser: user,
    users: config.users.map((u) => (u === user ? config.currentUser : u)),
    personalChat: { id: personalChatIdFor(user) },
  };
}

// ---------------------------------------------------------------------------------------------
// The Playground process
// ---------------------------------------------------------------------------------------------

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** The Playground's own port; 0 (the default) lets it pick a free one. */
  readonly port?: number;
  /** Defaults to the repository's .m365agentsplayground.yml. */
  readonly configPath?: string;
  /** Sign in as this user of the config (display name, id or aadObjectId) instead of `currentUser`. */
  readonly asUser?: string;
  /** How long to wait for the Playground to answer on its port (default 30 s). */
  readonly timeoutMs?: number;
}

export interface RunningPlayground {
  /** The web UI, e.g. http://127.0.0.1:56150. */
  readonly url: string;
  readonly port: number;
  /** What the Playground puts in activity.serviceUrl; the bot replies there. */
  readonly serviceUrl: string;
  /** The config the process runs with (derived when `asUser` was given). */
  readonly config: PlaygroundConfig;
  /** The Playground's own log (it writes nothing else useful to stdout). */
  readonly logFile: string;
  stop(): Promise<void>;
}

function playgroundCliPath(): string {
  // Resolved from the repository root, where the tests run; works for CommonJS and ESM alike.
  const requireFromRoot = createRequire(path.resolve('package.json'));
  const packageJson = requireFromRoot.resolve('@microsoft/m365agentsplayground/package.json');
  return path.join(path.dirname(packageJson), 'cli.js');
}

async function waitForPing(url: string, deadline: number, exited: () => boolean): Promise<void> {
  for (;;) {
    if (exited()) throw new Error('the Playground exited before it answered');
    try {
      const response = await fetch(`${url}/_debug/ping`);
      if (response.ok && (await response.text()).trim() === 'pong') return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the Playground did not answer at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function waitForListeningPort(child: ChildProcess, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error('the Playground did not report its port in time')),
      Math.max(0, deadline - Date.now()),
    );
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume(); // keep draining stdout so the Playground never blocks on it
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited (code ${String(code)}, signal ${String(signal)})`));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5000)),
  ]);
  if (timedOut) {
    killGroup(child, 'SIGKILL');
    await exited;
  }
}

/**
 * Starts `agentsplayground start` against a bot. No browser is opened, telemetry is off, and the
 * Playground's log and any files it writes go to a temporary folder, not the working tree.
 */
export async function startPlayground(options: StartPlaygroundOptions): Promise<RunningPlayground> {
  const baseConfigPath = options.configPath ?? DEFAULT_CONFIG_PATH;
  const baseConfig = await readPlaygroundConfig(baseConfigPath);
  const config = options.asUser ? configAsUser(baseConfig, options.asUser) : baseConfig;

  const workDir = await mkdtemp(path.join(tmpdir(), 'agents-playground-'));
  let configPath = baseConfigPath;
  if (config !== baseConfig) {
    configPath = path.join(workDir, '.m365agentsplayground.yml');
    await writeFile(configPath, stringifyYaml(config), 'utf8');
  }
  const logFile = path.join(workDir, 'playground.log');

  const child = spawn(
    process.execPath,
    [
      playgroundCliPath(),
      'start',
      '--app-endpoint',
      options.botEndpoint,
      '--port',
      String(options.port ?? 0),
      '--disable-telemetry',
    ],
    {
      cwd: workDir,
      detached: true, // own process group, so stop() ends it and anything it started
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let hasExited = false;
  child.once('exit', () => {
    hasExited = true;
  });

  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  try {
    const port = await waitForListeningPort(child, deadline);
    const url = `http://127.0.0.1:${port}`;
    await waitForPing(url, deadline, () => hasExited);
    return {
      url,
      port,
      serviceUrl: `http://localhost:${port}/_connector`,
      config,
      logFile,
      stop,
    };
  } catch (error) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start the Agents Playground: ${reason}\n${stderr}\n${log}`.trim());
  }
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

/** Debian's chromium through playwright-core (Playwright's own browser builds cannot be fetched here). */
export async function launchBrowser(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, fsConstants.X_OK);
  } catch {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the end-to-end tests need Debian's Chromium ` +
        '(apt-get update && apt-get install -y chromium).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/**
 * A new page (in its own browser context; close it with `page.context().close()`) showing the
 * Playground, ready to type. Requests that
 * leave the machine (the UI asks an Office CDN for fonts) are aborted.
 *
 * Each page load starts with an empty message list, and the Playground sends the bot an
 * installationUpdate and a conversationUpdate for the personal chat; the bot's state persists.
 */
export async function openPlayground(
  browser: Browser,
  url: string,
  options: { readonly timeoutMs?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/])/, (route) =>
    route.abort(),
  );
  const page = await context.newPage();
  await page.goto(url);
  await page
    .locator(SELECTORS.composer)
    .first()
    .waitFor({ timeout: options.timeoutMs ?? 30_000 });
  return page;
}

export async function saveScreenshot(page: Page, filePath: string): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  await page.screenshot({ path: filePath, fullPage: true });
}

// ---------------------------------------------------------------------------------------------
// Navigation (the left-hand list)
// ---------------------------------------------------------------------------------------------

export async function openPersonalChat(page: Page): Promise<void> {
  await page.getByRole('treeitem', { name: 'Personal Chat', exact: true }).click();
  await page.locator(SELECTORS.composer).first().waitFor();
}

/** The config's single group chat, by its `groupChat.name`. */
export async function openGroupChat(page: Page, name: string): Promise<void> {
  await page.getByRole('treeitem', { name, exact: true }).click();
  await page.locator(SELECTORS.composer).first().waitFor();
}

/** A channel of the team: `General` or the one channel from the config. */
export async function openChannel(page: Page, team: string, channel: string): Promise<void> {
  await page.getByRole('treeitem', { name: `${team} - ${channel}`, exact: true }).click();
  await newPostBox(page).waitFor();
}

// ---------------------------------------------------------------------------------------------
// Typing
// ---------------------------------------------------------------------------------------------

export interface SendOptions {
  /**
   * @mention the bot first (needed in the group chat and in channels, where the bot only gets
   * messages that mention it). `true` picks the first suggestion; a string picks that display name.
   */
  readonly mention?: boolean | string;
}

function postButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Post', exact: true });
}

function newPostBox(page: Page): Locator {
  return page.getByRole('group').filter({ has: postButton(page) });
}

async function typeInto(
  page: Page,
  composer: Locator,
  text: string,
  options: SendOptions,
): Promise<void> {
  if (text.includes('\n')) throw new Error('The Playground composer sends on Enter: one line only');
  if (options.mention) {
    await composer.click();
    await page.keyboard.type('@');
    const suggestions = page.getByRole('menuitem');
    const choice =
      typeof options.mention === 'string'
        ? suggestions.filter({ hasText: options.mention }).first()
        : suggestions.first();
    await choice.click();
    await page.keyboard.type(` ${text}`);
  } else {
    await composer.fill(text);
  }
}

/** Sends a message in the personal chat or the group chat (whichever is open). */
export async function sendMessage(
  page: Page,
  text: string,
  options: SendOptions = {},
): Promise<void> {
  if (await postButton(page).isVisible()) {
    throw new Error('A channel is open: use postToChannel or replyInThread');
  }
  const composer = page.locator(SELECTORS.composer).first();
  await typeInto(page, composer, text, options);
  await composer.press('Enter');
}

/** Starts a new post in the open channel. New posts appear at the top of the channel. */
export async function postToChannel(
  page: Page,
  text: string,
  options: SendOptions = {},
): Promise<void> {
  const box = newPostBox(page);
  await typeInto(page, box.locator(SELECTORS.composer), text, options);
  await box.getByRole('button', { name: 'Post', exact: true }).click();
}

/** A channel thread (post and replies), found by text anywhere in it. */
export function channelThread(page: Page, containing: string | RegExp): Locator {
  return page
    .getByRole('group')
    .filter({ hasNot: postButton(page) })
    .filter({ has: page.locator(SELECTORS.composer) })
    .filter({ hasText: containing })
    .first();
}

/** Replies in the channel thread that contains `threadText`. */
export async function replyInThread(
  page: Page,
  threadText: string | RegExp,
  text: string,
  options: SendOptions = {},
): Promise<void> {
  const composer = channelThread(page, threadText).locator(SELECTORS.composer);
  await typeInto(page, composer, text, options);
  await composer.press('Enter');
}

// ---------------------------------------------------------------------------------------------
// Reading the bot's replies
// ---------------------------------------------------------------------------------------------

/** Bot text messages in the open conversation, in page order (channels list newest post first). */
export function botMessages(page: Page): Locator {
  return page.locator(SELECTORS.botTextBody);
}

/** Waits for a bot text message containing `text` and returns it. */
export async function waitForBotText(
  page: Page,
  text: string | RegExp,
  options: { readonly timeoutMs?: number } = {},
): Promise<Locator> {
  const message = botMessages(page).filter({ hasText: text }).last();
  await message.waitFor({ timeout: options.timeoutMs ?? 15_000 });
  return message;
}

/** The text of every bot text message in the open conversation. */
export async function botTexts(page: Page): Promise<string[]> {
  return botMessages(page).allInnerTexts();
}

/** Adaptive Cards in the open conversation, in page order. */
export function cards(page: Page): Locator {
  return page.locator(SELECTORS.card);
}

/** The last Adaptive Card on the page. */
export function lastCard(page: Page): Locator {
  return cards(page).last();
}

/** Waits for an Adaptive Card containing `text` (e.g. after an Action.Execute refresh) and returns it. */
export async function waitForCard(
  page: Page,
  text: string | RegExp,
  options: { readonly timeoutMs?: number } = {},
): Promise<Locator> {
  const card = cards(page).filter({ hasText: text }).last();
  await card.waitFor({ timeout: options.timeoutMs ?? 15_000 });
  return card;
}

// ---------------------------------------------------------------------------------------------
// Adaptive Card inputs and actions. Card input ids are not in the DOM: inputs are found by their
// label (or, without a label, their placeholder). `card` defaults to the last card on the page.
// ---------------------------------------------------------------------------------------------

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches a label with the ` *` a required input adds. */
function labelPattern(label: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\*)?\\s*$`);
}

/** Clicks Action.Submit / Action.Execute / Action.ShowCard / Action.OpenUrl by its title. */
export async function clickCardAction(page: Page, title: string, card?: Locator): Promise<void> {
  const target = card ?? lastCard(page);
  const name = { name: title, exact: true } as const;
  await target.getByRole('button', name).or(target.getByRole('link', name)).first().click();
}

/** Fills Input.Text (single or multi-line) or Input.Number. */
export async function fillCardInput(
  page: Page,
  label: string,
  value: string,
  card?: Locator,
): Promise<void> {
  const target = card ?? lastCard(page);
  const name = labelPattern(label);
  await target
    .getByRole('textbox', { name })
    .or(target.getByRole('spinbutton', { name }))
    .first()
    .fill(value);
}

/** Sets Input.Date; `isoDate` is YYYY-MM-DD, which is also what the bot receives. */
export async function fillCardDate(
  page: Page,
  label: string,
  isoDate: string,
  card?: Locator,
): Promise<void> {
  const target = card ?? lastCard(page);
  await target.getByRole('combobox', { name: labelPattern(label) }).fill(isoDate);
  await page.keyboard.press('Enter');
  // The calendar pop-up stays open and hides the rest of the card from the accessibility tree.
  await page.keyboard.press('Escape');
}

/** Picks a choice of a single-select Input.ChoiceSet, compact (drop-down) or expanded (radios). */
export async function selectCardChoice(
  page: Page,
  label: string,
  choiceTitle: string,
  card?: Locator,
): Promise<void> {
  const target = card ?? lastCard(page);
  const name = labelPattern(label);
  const dropDown = target.getByRole('combobox', { name });
  if ((await dropDown.count()) > 0) {
    await dropDown.click();
    await page.getByRole('option', { name: choiceTitle, exact: true }).click();
    return;
  }
  await target
    .getByRole('radiogroup', { name })
    .getByRole('radio', { name: choiceTitle, exact: true })
    .check();
}

/** Sets Input.Toggle; `label` is the input's label or its title. */
export async function setCardToggle(
  page: Page,
  label: string,
  on: boolean,
  card?: Locator,
): Promise<void> {
  const target = card ?? lastCard(page);
  // The accessible name is the label followed by the title, so match a part of it.
  await target.getByRole('checkbox', { name: label }).setChecked(on);
}
