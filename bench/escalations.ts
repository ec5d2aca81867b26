// Escalations: ticket lifecycle throughput on SQLite, the reminder sweep, and proactive sends
// against a real loopback Bot Connector stub through the TeamsAdapter (anonymous local mode).
import { performance } from 'node:perf_hooks';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createProactiveMessenger } from '../src/bot/proactive';
import { createAdapterTransport } from '../src/bot/proactive-transport';
import { EscalationsConfigSchema } from '../src/core/escalations/config';
import { createEscalationService } from '../src/core/escalations/service';
import { createWorkingCalendar } from '../src/core/escalations/working-hours';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../test/support/config';
import { startConnectorStub } from '../test/support/connector-stub';
import { captureLogs } from '../test/support/logs';

const adviser = { id: 'adviser', name: 'Adviser', isAdviser: true };

export async function bench(print: (line: string) => void): Promise<void> {
  const store = openSqliteStore({ dataDir: tempDir('bench-escalations-') });
  const config = EscalationsConfigSchema.parse({});
  let now = new Date('2026-11-22T20:00:00Z');
  const service = createEscalationService({
    tickets: store.tickets,
    audit: store.audit,
    config,
    calendar: createWorkingCalendar(config),
    drafts: { write: () => Promise.resolve('written') },
    clock: () => now,
    draftOwner: 'Integrity team',
  });
  try {
    const n = 500;
    const started = performance.now();
    for (let i = 0; i < n; i += 1) {
      const asker = { id: `staff-${i % 50}`, name: 'Staff', isAdviser: false };
      const asked = await service.ask(asker, {
        requestId: `r-${i}`,
        question: 'Can I accept this?',
        context: null,
        topic: 'gifts',
        urgency: 'normal',
        anonymous: i % 3 === 0,
        articleId: null,
      });
      if (!asked.ok) throw new Error('ask failed');
      if (i % 2 === 0) {
        await service.claim(adviser, asked.ticket.ref);
        await service.answer(adviser, asked.ticket.ref, 'Yes');
      }
    }
    const lifecycleMs = performance.now() - started;
    print(
      `escalations: ${n} tickets asked (half claimed and answered) in ${lifecycleMs.toFixed(0)} ms, ${((lifecycleMs / n) * 1000).toFixed(0)} µs per ticket`,
    );
    now = new Date('2026-12-10T01:00:00Z');
    const sweep = performance.now();
    const due = await service.remindersDue();
    const closed = await service.autoClose();
    print(
      `escalations: reminder and auto-close sweep over ${n} tickets: ${(performance.now() - sweep).toFixed(0)} ms (${due.length} reminders, ${closed.length} closed)`,
    );
    const statsStarted = performance.now();
    await service.stats(adviser);
    print(
      `escalations: stats over ${n} tickets: ${(performance.now() - statsStarted).toFixed(1)} ms`,
    );
  } finally {
    await store.close();
  }

  // Proactive sends: 30 to one conversation (the 7/s limit shows), 30 spread over 30 chats.
  const stub = await startConnectorStub();
  try {
    const messenger = createProactiveMessenger({
      transport: createAdapterTransport(new TeamsAdapter({}), ''),
      log: captureLogs('warn').log,
    });
    const ref = (id: string) => ({
      channelId: 'msteams',
      serviceUrl: stub.url,
      conversation: { id, tenantId: 't', isGroup: false, conversationType: 'personal' } as never,
      bot: { id: '28:bot', name: 'bot' },
    });
    for (const [label, conversation] of [
      ['one channel', () => '19:channel@thread.tacv2'],
      ['30 chats', (i: number) => `a:chat-${i}`],
    ] as const) {
      const t = performance.now();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          messenger.send(ref(conversation(i)), { type: 'message', text: 'x' }),
        ),
      );
      print(
        `escalations: 30 proactive sends to ${label}: ${(performance.now() - t).toFixed(0)} ms`,
      );
    }
  } finally {
    await stub.close();
  }
}

if (require.main === module) {
  bench((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
