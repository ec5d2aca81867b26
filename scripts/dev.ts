// npm run dev: the bot in local mode plus the Agents Playground, together; Ctrl+C stops both.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const children: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  child.once('exit', (code) => shutdown(code ?? 0));
  return child;
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function waitForReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not become ready`);
}

async function main(): Promise<void> {
  start(process.execPath, ['--import', 'tsx', 'src/index.ts'], { PORT: String(botPort) });
  await waitForReady(`http://127.0.0.1:${botPort}/readyz`);
  const cli = join(
    dirname(
      createRequire(resolve('package.json')).resolve(
        '@microsoft/m365agentsplayground/package.json',
      ),
    ),
    'cli.js',
  );
  start(
    process.execPath,
    [
      cli,
      'start',
      '--app-endpoint',
      `http://127.0.0.1:${botPort}/api/messages`,
      '--port',
      String(playgroundPort),
      '--disable-telemetry',
    ],
    {
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: resolve('.m365agentsplayground.yml'),
      M365_AGENTS_PLAYGROUND_LOGFILE: resolve('data/playground.log'),
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    },
  );
  process.stdout.write(
    `\n  Agents Playground: http://127.0.0.1:${playgroundPort}  (signed in as the staff user in .m365agentsplayground.yml)\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  shutdown(1);
});
