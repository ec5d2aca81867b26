// Forwarding throughput and latency against a real loopback receiver that verifies every signature.
import { performance } from 'node:perf_hooks';
import { createForwarding } from '../src/forwarding/create-forwarding';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../test/support/config';
import { configWithForwarding, makeEvent, newWebhookSecret } from '../test/support/forwarding';
import { captureLogs } from '../test/support/logs';
import { startWebhookReceiver } from '../test/support/webhook-receiver';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function run(options: {
  events: number;
  pollInterval: string;
  batchSize: number;
  spacingMs: number;
}) {
  const secret = newWebhookSecret();
  const receiver = await startWebhookReceiver({ secrets: [secret] });
  const store = openSqliteStore({ dataDir: tempDir('bench-forwarding-') });
  const config = configWithForwarding(
    {
      destinations: [{ id: 'hr-system', type: 'webhook', url: receiver.url, secretEnv: 'S' }],
      routes: [{ forms: ['*'], to: ['hr-system'] }],
      worker: { pollInterval: options.pollInterval, batchSize: options.batchSize },
    },
    { webhooks: { 'hr-system': [secret] } },
  );
  const forwarding = createForwarding({ config, store, log: captureLogs('warn').log });
  const queuedAt = new Map<string, number>();
  try {
    forwarding.worker.start();
    const started = performance.now();
    for (let i = 0; i < options.events; i += 1) {
      const event = makeEvent();
      queuedAt.set(event.id, performance.now());
      await store.outbox.enqueue(event, ['hr-system']);
      if (options.spacingMs > 0)
        await new Promise((resolve) => setTimeout(resolve, options.spacingMs));
    }
    await receiver.waitFor(options.events, 120_000);
    const elapsed = performance.now() - started;
    const latencies = receiver.events
      .map((e) => e.receivedAt - (queuedAt.get(e.webhookId) ?? NaN))
      .sort((a, b) => a - b);
    return { elapsed, latencies, duplicates: receiver.duplicates.length };
  } finally {
    await forwarding.stop();
    await receiver.close();
    await store.close();
  }
}

export async function bench(print: (line: string) => void): Promise<void> {
  const burst = await run({ events: 1000, pollInterval: '50ms', batchSize: 50, spacingMs: 0 });
  print(
    `forwarding: ${Math.round(1000 / (burst.elapsed / 1000))} deliveries/s to a loopback webhook ` +
      `(1000 queued at once, batches of 50, signatures verified; ${burst.duplicates} duplicates)`,
  );
  for (const pollInterval of ['1s', '100ms']) {
    const trickle = await run({ events: 200, pollInterval, batchSize: 10, spacingMs: 10 });
    print(
      `forwarding: submit to delivery p50 ${trickle.latencies.length ? percentile(trickle.latencies, 50).toFixed(0) : '-'} ms, ` +
        `p99 ${percentile(trickle.latencies, 99).toFixed(0)} ms (pollInterval ${pollInterval}, one event every 10 ms)`,
    );
  }
}

if (require.main === module) {
  bench((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
