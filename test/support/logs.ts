import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log';

export interface CapturedLogs {
  readonly log: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written so far, raw, for canary searches. */
  raw(): string;
}

/** A real pino logger writing to memory, so tests can assert what reached the log sink. */
export function captureLogs(level = 'debug'): CapturedLogs {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const log = createLogger({ level, destination });
  const raw = () => chunks.join('');
  return {
    log,
    raw,
    lines: () =>
      raw()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
