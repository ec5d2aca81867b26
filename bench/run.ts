// npm run bench: prints figures; goals are checked by reading them, not by timed tests.
import { bench as foundation, build } from './foundation';

async function main(): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`node ${process.version}, ${new Date().toISOString()}`);
  build();
  await foundation(print);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
