import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toCloudEvent } from '../core/forwarding/cloudevent';
import type { FileDestination } from '../core/forwarding/config';
import type { Sender } from '../core/forwarding/sender';

/** A name that sorts by reference and says what happened; the event id keeps it unique. */
export function forwardedFileName(event: { subject: string; type: string; id: string }): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]/g, '_');
  const verb = event.type.split('.').pop() ?? 'event';
  return `${safe(event.subject)}.${safe(verb)}.${safe(event.id)}.json`;
}

/**
 * One CloudEvents JSON file per event. Written to a temporary name and renamed, so a reader never
 * sees half a file, and a repeated attempt rewrites the same file rather than adding another.
 */
export function createFileSender(options: {
  source: string;
  schemaUri: string;
}): Sender<FileDestination> {
  return {
    async send({ event, destination }) {
      const folder = resolve(destination.path);
      const target = join(folder, forwardedFileName(event));
      const body = JSON.stringify(toCloudEvent(event, options), null, 2);
      try {
        await mkdir(folder, { recursive: true });
        const temporary = `${target}.${process.pid}.tmp`;
        await writeFile(temporary, `${body}\n`, { mode: 0o600 });
        await rename(temporary, target);
        return { outcome: 'delivered' };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'failed';
        return { outcome: 'retry', reason: `file_${code}` };
      }
    },
  };
}
