import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export interface ChildHandle {
  readonly child: ChildProcess;
  /** Parsed JSON log lines written so far. */
  lines(): Record<string, unknown>[];
  stdout(): string;
  waitForLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** kill -9: no shutdown hooks, no flushing, no finishing the batch in flight. */
  kill9(): Promise<void>;
  /** SIGTERM, then wait for a graceful exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  exited(): Promise<number | null>;
}

/** Runs a TypeScript entry point of this repository as a real child process. */
export function spawnTs(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): ChildHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let listeners: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    listeners.forEach((l) => l());
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  return {
    child,
    lines,
    stdout: () => out,
    waitForLine(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners = listeners.filter((l) => l !== check);
          reject(
            new Error(
              `no matching log line from ${entry}; stderr: ${err.slice(-2000)}; stdout: ${out.slice(-2000)}`,
            ),
          );
        }, timeoutMs);
        function check() {
          const found = lines().find(match);
          if (!found) return;
          clearTimeout(timer);
          listeners = listeners.filter((l) => l !== check);
          resolve(found);
        }
        listeners.push(check);
        check();
        void exit.then(() => {
          if (listeners.includes(check)) {
            clearTimeout(timer);
            listeners = listeners.filter((l) => l !== check);
            reject(new Error(`${entry} exited; stderr: ${err.slice(-2000)}`));
          }
        });
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
    exited: () => exit,
  };
}

/** Writes the committed agency config with its forwarding section replaced; returns the path. */
export function writeAgencyConfig(dir: string, forwarding: Record<string, unknown>): string {
  const base = parse(readFileSync('config/agency.yaml', 'utf8')) as Record<string, unknown>;
  const path = join(dir, 'agency.yaml');
  writeFileSync(path, stringify({ ...base, forwarding }));
  return path;
}
