import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_CLIENT_TENANT_ID } from '../src/config/env';
import { formatLoad, messageActivity, runLoad, type LoadResult } from './http-load';
import { cpuMs, rssMiB, startProcess } from './processes';

const CONCURRENCY = 32;
const TURNS = 3000;

/** Throughput of our full stack vs a bare echo bot, for the same question; returns the echo result. */
export async function measureAgainstEcho(
  print: (line: string) => void,
  label: string,
  text: string,
): Promise<{ bot: LoadResult; echo: LoadResult }> {
  const echo = await startProcess(['--import', 'tsx', 'bench/echo-bot.ts'], 3979);
  const bot = await startProcess(['dist/index.js'], 3988, {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')),
  });
  try {
    const make = messageActivity(text, LOCAL_CLIENT_TENANT_ID);
    await runLoad(echo.url, make, 300, CONCURRENCY); // warm-up
    await runLoad(bot.url, make, 300, CONCURRENCY);
    let before = cpuMs(echo.child.pid);
    const echoResult = await runLoad(echo.url, make, TURNS, CONCURRENCY);
    const echoCpu = (cpuMs(echo.child.pid) - before) / TURNS;
    before = cpuMs(bot.child.pid);
    const botResult = await runLoad(bot.url, make, TURNS, CONCURRENCY);
    const botCpu = (cpuMs(bot.child.pid) - before) / TURNS;
    print(formatLoad('bare botbuilder echo bot', echoResult));
    print(formatLoad(label, botResult));
    print(
      `ratio (goal >= 0.5)                 ${(botResult.perSecond / echoResult.perSecond).toFixed(2)}`,
    );
    // CPU per turn depends less on what else the machine is doing than requests per second do.
    print(
      `server CPU per turn: echo ${echoCpu.toFixed(2)} ms, ours ${botCpu.toFixed(2)} ms (ratio ${(echoCpu / botCpu).toFixed(2)})`,
    );
    return { bot: botResult, echo: echoResult };
  } finally {
    await Promise.all([echo.stop(), bot.stop()]);
  }
}

export async function bench(print: (line: string) => void): Promise<void> {
  print('## Foundation: help turn over HTTP (expectReplies, state in SQLite), concurrency 32');
  await measureAgainstEcho(print, '"help" through the full stack', 'help');

  const cold: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const bot = await startProcess(['dist/index.js'], 3988, {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')),
    });
    cold.push(bot.coldStartMs);
    await bot.stop();
  }
  print(
    `cold start to /readyz 200 (goal < 3000 ms): ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  );

  const bot = await startProcess(['dist/index.js'], 3988, {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')),
  });
  try {
    const before = rssMiB(bot.child.pid);
    const result = await runLoad(
      bot.url,
      messageActivity('help', LOCAL_CLIENT_TENANT_ID, 500),
      10_000,
      CONCURRENCY,
    );
    print(
      `resident memory: ${before.toFixed(0)} MiB at start, ${rssMiB(bot.child.pid).toFixed(0)} MiB after 10,000 turns (500 users, ${result.errors} errors)`,
    );
  } finally {
    await bot.stop();
  }
}

/** Compiles src/ so the processes measured are what production runs. */
export function build(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
