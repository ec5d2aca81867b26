// Writes the published JSON Schemas of the declaration payloads (npm run schemas; --check for CI).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { publishedSchemas } from '../src/core/declarations/payload';

export const SCHEMAS_DIR = resolve('schemas');

/** Each schema file's expected content, by file name. */
export function expectedSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(publishedSchemas()).map(([name, schema]) => [
      `${name}.json`,
      `${JSON.stringify(schema, null, 2)}\n`,
    ]),
  );
}

/** File names whose content differs from what the zod schemas generate. */
export function driftedSchemaFiles(dir = SCHEMAS_DIR): string[] {
  return Object.entries(expectedSchemaFiles())
    .filter(([file, content]) => {
      try {
        return readFileSync(join(dir, file), 'utf8') !== content;
      } catch {
        return true;
      }
    })
    .map(([file]) => file);
}

function main(): void {
  if (process.argv.includes('--check')) {
    const drifted = driftedSchemaFiles();
    if (drifted.length > 0) {
      process.stderr.write(`Out of date (run "npm run schemas"): ${drifted.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write('schemas are current\n');
    return;
  }
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const [file, content] of Object.entries(expectedSchemaFiles())) {
    writeFileSync(join(SCHEMAS_DIR, file), content);
    process.stdout.write(`wrote schemas/${file}\n`);
  }
}

if (require.main === module) main();
