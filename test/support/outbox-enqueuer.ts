// A separate process that queues events straight into the shared outbox, all at once: used to test
// concurrent writers. Prints the event ids it queued as one JSON line.
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store';
import { makeEvent } from './forwarding';

async function main(): Promise<void> {
  const [dataDir, count, ...destinations] = process.argv.slice(2);
  if (dataDir === undefined || count === undefined)
    throw new Error('usage: DATA_DIR COUNT DEST...');
  const store = openSqliteStore({ dataDir });
  const events = Array.from({ length: Number(count) }, () =>
    makeEvent({ subject: `GIF-${process.pid}-${Math.random().toString(36).slice(2, 10)}` }),
  );
  await Promise.all(events.map((event) => store.outbox.enqueue(event, destinations)));
  await store.close();
  process.stdout.write(`${JSON.stringify({ queued: events.map((e) => e.id) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
