import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../config/load-config';
import { OUTBOX_STATUSES, type OutboxStatus } from '../core/forwarding/delivery-status';
import { describeSchedule } from '../core/forwarding/retry';
import type { OutboxEntry, Store } from '../store/port';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store';

const USAGE = `Usage: npm run outbox -- <command>

  list [--status S] [--destination ID] [--limit N]   events per destination, newest first
  show ID [--with-data]                              one row (--with-data prints the declaration)
  retry ID                                           send a dead or retrying row again now
  replay --since DATE --destination ID               re-send everything queued since DATE
  purge-delivered --older-than DAYS                  delete events every destination confirmed
  destinations                                       configured destinations and their state
  enable-destination ID                              resume a destination disabled by a 410

Statuses: ${OUTBOX_STATUSES.join(', ')}. Retries and replays keep the event id (webhook-id).`;

export interface OutboxCliDeps {
  readonly store: Store;
  readonly config: AppConfig;
  readonly clock: () => Date;
  readonly out: (line: string) => void;
}

function row(entry: OutboxEntry): string {
  const when =
    entry.status === 'delivered'
      ? `delivered ${entry.deliveredAt?.toISOString() ?? ''}`
      : entry.status === 'dead'
        ? 'dead letter'
        : `next ${entry.nextAttemptAt.toISOString()}`;
  return [
    String(entry.id).padStart(6),
    entry.status.padEnd(10),
    String(entry.attempts).padStart(2),
    entry.destinationId.padEnd(20),
    (entry.eventType.split('.').pop() ?? '').padEnd(9),
    entry.subject.padEnd(18),
    entry.createdAt.toISOString(),
    when,
    entry.lastError ?? '',
  ].join('  ');
}

function parseId(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Runs one command; returns the process exit code. Prints ids, states and reasons, not content. */
export async function runOutboxCli(argv: readonly string[], deps: OutboxCliDeps): Promise<number> {
  const { store, config, clock, out } = deps;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        status: { type: 'string' },
        destination: { type: 'string' },
        limit: { type: 'string' },
        since: { type: 'string' },
        'older-than': { type: 'string' },
        'with-data': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    out(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, arg] = positionals;
  const fail = (message: string) => {
    out(message);
    return 2;
  };
  const destinationIds = config.agency.forwarding.destinations.map((d) => d.id);

  switch (command) {
    case 'list': {
      const status = values.status;
      if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) {
        return fail(`--status must be one of ${OUTBOX_STATUSES.join(', ')}`);
      }
      const limit = parseId(values.limit) ?? 100;
      const entries = await store.outbox.list({
        ...(status === undefined ? {} : { status: status as OutboxStatus }),
        ...(values.destination === undefined ? {} : { destinationId: values.destination }),
        limit,
      });
      const counts = await store.outbox.counts();
      out(OUTBOX_STATUSES.map((s) => `${s}: ${counts[s]}`).join('  '));
      out(
        '    id  status      n  destination           event      reference           queued                    state',
      );
      entries.forEach((entry) => out(row(entry)));
      return 0;
    }
    case 'show': {
      const id = parseId(arg);
      if (id === undefined) return fail('show needs a numeric row id (see list)');
      const entry = await store.outbox.get(id);
      if (!entry) return fail(`no outbox row ${id}`);
      const { event, ...facts } = entry;
      const lines: Array<[string, string | number | undefined]> = [
        ['row', facts.id],
        ['event id (webhook-id)', facts.eventId],
        ['type', facts.eventType],
        ['reference', facts.subject],
        ['form', facts.form],
        ['ordering key', facts.orderingKey],
        ['destination', facts.destinationId],
        ['status', facts.status],
        ['attempts', facts.attempts],
        ['queued', facts.createdAt.toISOString()],
        ['last attempt', facts.lastAttemptAt?.toISOString()],
        [
          'next attempt',
          facts.status === 'delivered' ? undefined : facts.nextAttemptAt.toISOString(),
        ],
        ['delivered', facts.deliveredAt?.toISOString()],
        ['last error', facts.lastError],
        ['last HTTP status', facts.lastHttpStatus],
        ['operator re-sends', facts.replays],
      ];
      for (const [label, value] of lines)
        if (value !== undefined) out(`${label.padEnd(22)} ${String(value)}`);
      // The declaration itself is personal information: printed only when asked for.
      if (values['with-data']) out(JSON.stringify(event.data, null, 2));
      return 0;
    }
    case 'retry': {
      const id = parseId(arg);
      if (id === undefined) return fail('retry needs a numeric row id (see list)');
      const done = await store.outbox.retry(id, clock());
      if (!done)
        return fail(`row ${id} is not dead or retrying (use replay to re-send delivered events)`);
      out(`row ${id} queued; it goes out with the same webhook-id`);
      return 0;
    }
    case 'replay': {
      const since = values.since === undefined ? NaN : Date.parse(values.since);
      if (Number.isNaN(since)) return fail('replay needs --since DATE (e.g. 2026-03-01)');
      if (values.destination === undefined) return fail('replay needs --destination ID');
      if (!destinationIds.includes(values.destination)) {
        return fail(
          `unknown destination "${values.destination}" (configured: ${destinationIds.join(', ')})`,
        );
      }
      const count = await store.outbox.replay({
        since: new Date(since),
        destinationId: values.destination,
        now: clock(),
      });
      out(
        `${count} event(s) queued again for ${values.destination}, with their original webhook-ids`,
      );
      return 0;
    }
    case 'purge-delivered': {
      const days = parseId(values['older-than']);
      if (days === undefined) return fail('purge-delivered needs --older-than DAYS');
      const olderThan = new Date(clock().getTime() - days * 86_400_000);
      const purged = await store.outbox.purgeDelivered({ olderThan });
      out(
        `${purged} event(s) purged (delivered to every destination before ${olderThan.toISOString()})`,
      );
      return 0;
    }
    case 'destinations': {
      const disabled = new Map(
        (await store.outbox.disabledDestinations()).map((d) => [d.destinationId, d]),
      );
      for (const destination of config.agency.forwarding.destinations) {
        const off = disabled.get(destination.id);
        out(
          `${destination.id.padEnd(20)} ${destination.type.padEnd(8)} ${
            off ? `DISABLED since ${off.disabledAt.toISOString()} (${off.reason})` : 'enabled'
          }`,
        );
      }
      out(`retry schedule: ${describeSchedule(config.agency.forwarding.retry)}`);
      return 0;
    }
    case 'enable-destination': {
      if (arg === undefined) return fail('enable-destination needs a destination id');
      const done = await store.outbox.enableDestination(arg);
      out(done ? `${arg} enabled; its queued events go out now` : `${arg} was not disabled`);
      return done ? 0 : 1;
    }
    default:
      out(USAGE);
      return values.help || command === undefined ? 0 : 2;
  }
}

if (require.main === module) {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `Configuration problems:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const store = openSqliteStore({ dataDir: loaded.value.env.dataDir });
  runOutboxCli(process.argv.slice(2), {
    store,
    config: loaded.value,
    clock: () => new Date(),
    out: (line) => process.stdout.write(`${line}\n`),
  })
    .then(async (code) => {
      await store.close();
      process.exitCode = code;
    })
    .catch(async (error: unknown) => {
      await store.close();
      process.stderr.write(`outbox: ${(error as Error).name}\n`);
      process.exitCode = 1;
    });
}
