// npm run bench: prints figures; goals are checked by reading them, not by timed tests.
import { bench as escalations } from './escalations';
import { bench as forwarding } from './forwarding';
import { bench as foundation, build, measureAgainstEcho } from './foundation';
import { bench as knowledge } from './knowledge';

async function main(): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`node ${process.version}, ${new Date().toISOString()}`);
  build();
  await foundation(print);
  print('');
  print('## Knowledge: a question answered over HTTP, against the same echo bot, concurrency 32');
  await measureAgainstEcho(
    print,
    'question through the full stack',
    'can I keep a bottle of wine a supplier gave me',
  );
  print('');
  await knowledge(print);
  print('');
  await forwarding(print);
  print('');
  await escalations(print);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
