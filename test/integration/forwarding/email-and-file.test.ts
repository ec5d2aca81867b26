import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createForwarding, type Forwarding } from '../../../src/forwarding/create-forwarding';
import { composeEmail } from '../../../src/forwarding/email-sender';
import type { Store } from '../../../src/store/port';
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../support/config';
import { CANARY, configWithForwarding, FakeClock, makeEvent } from '../../support/forwarding';
import { captureLogs } from '../../support/logs';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';

/** The body of a plain-text message, with quoted-printable soft breaks undone. */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('email destination through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let store: Store;
  let forwarding: Forwarding;
  const clock = new FakeClock();

  function start(destination: Record<string, unknown> = {}) {
    const config = configWithForwarding(
      {
        destinations: [
          {
            id: 'integrity-mailbox',
            type: 'email',
            to: ['integrity@example.govt.nz', 'registry@example.govt.nz'],
            recordLocation: 'the HR case system (Integrity > Declarations)',
            ...destination,
          },
        ],
        routes: [{ forms: ['*'], to: ['integrity-mailbox'] }],
        smtp: {
          host: smtp.host,
          port: smtp.port,
          from: 'integrity-bot@example.govt.nz',
          requireTls: false,
          userEnv: 'SMTP_USER',
          passwordEnv: 'SMTP_PASSWORD',
          timeoutMs: 5_000,
        },
        retry: { jitter: 0 },
      },
      { webhooks: {}, smtp: { user: 'bot', pass: 'pw-from-env' } },
    );
    forwarding = createForwarding({ config, store, log: captureLogs().log, clock: clock.now });
    return forwarding.worker;
  }

  beforeEach(async () => {
    smtp = await startSmtpServer({ user: 'bot', pass: 'pw-from-env' });
    store = openSqliteStore({ dataDir: tempDir() });
  });
  afterEach(async () => {
    await forwarding.stop();
    await smtp.close();
    await store.close();
  });

  it('sends a notice with the reference, form, date and where the record lives, and no content', async () => {
    const worker = start();
    const event = makeEvent({ occurredAt: new Date('2026-03-02T09:30:00.000Z') });
    await store.outbox.enqueue(event, ['integrity-mailbox']);
    clock.advance(3_600_000);
    await worker.runOnce();
    assert.equal(smtp.mails.length, 1);
    const mail = smtp.mails[0];
    assert.equal(mail?.user, 'bot', 'logged in with the credentials from the environment');
    assert.equal(mail?.from, 'integrity-bot@example.govt.nz');
    assert.deepEqual(mail?.to, ['integrity@example.govt.nz', 'registry@example.govt.nz']);
    const raw = mail?.raw ?? '';
    assert.match(
      raw,
      new RegExp(
        `^Subject: Declaration ${event.subject} \\(gift-hospitality\\) submitted\\r$`,
        'm',
      ),
    );
    assert.match(
      raw,
      new RegExp(`^Message-ID:\\s+<${event.id}\\.integrity-mailbox@integrity-assistant>\\r$`, 'm'),
    );
    const body = bodyOf(raw);
    assert.match(body, new RegExp(`Reference: ${event.subject}`));
    assert.match(body, /Form: gift-hospitality/);
    assert.match(body, /Date: 2 March 2026 at 10:30 pm \(NZ time\)/);
    assert.match(body, /Where the record lives: the HR case system \(Integrity > Declarations\)/);
    // No declaration content anywhere in the message: not the canary, not any field value.
    assert.ok(!raw.includes(CANARY));
    for (const value of Object.values(event.data))
      assert.ok(!raw.includes(String(value)), String(value));
    assert.doesNotMatch(raw, /Content-Disposition: attachment/i);
    assert.equal((await store.outbox.list())[0]?.status, 'delivered');
  });

  it('attaches the JSON only when the agency config allows it', async () => {
    const worker = start({ allowAttachJson: true });
    const event = makeEvent({ occurredAt: clock.now() });
    await store.outbox.enqueue(event, ['integrity-mailbox']);
    await worker.runOnce();
    const raw = smtp.mails[0]?.raw ?? '';
    assert.match(raw, /Content-Disposition: attachment; filename=GIF-2026-\d+\.json/i);
    const base64 =
      /Content-Transfer-Encoding: base64\r\n(?:[^\r\n]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+)/i.exec(
        raw,
      )?.[1] ?? '';
    const attachment = JSON.parse(
      Buffer.from(base64.replace(/\r\n/g, ''), 'base64').toString('utf8'),
    ) as { id: string; data: unknown };
    assert.equal(attachment.id, event.id);
    assert.deepEqual(attachment.data, event.data);
    assert.ok(
      !bodyOf(raw.slice(0, raw.indexOf('Content-Disposition'))).includes(CANARY),
      'the text part stays clean',
    );
  });

  it('retries a temporary SMTP refusal; a permanent one is a dead letter', async () => {
    const worker = start();
    smtp.failNext(1, 451);
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['integrity-mailbox']);
    await worker.runOnce();
    let [row] = await store.outbox.list();
    assert.deepEqual([row?.status, row?.lastError], ['retrying', 'smtp_451']);
    clock.advance(5_000);
    await worker.runOnce();
    assert.equal(smtp.mails.length, 1);

    smtp.failNext(1, 550);
    await store.outbox.enqueue(makeEvent({ occurredAt: clock.now() }), ['integrity-mailbox']);
    await worker.runOnce();
    [row] = await store.outbox.list({ status: 'dead' });
    assert.equal(row?.lastError, 'smtp_550');
  });

  it('composes a notice whose every line is free of the declaration', () => {
    const event = makeEvent({ data: { anything: `${CANARY} secret`, nested: { deep: CANARY } } });
    const message = composeEmail(event, {
      id: 'm',
      type: 'email',
      to: ['a@example.govt.nz'],
      allowAttachJson: true,
    });
    assert.ok(!JSON.stringify(message).includes(CANARY));
    assert.match(message.text, /open it in Teams, or ask the integrity team/);
  });
});

describe('file destination', () => {
  it('writes one CloudEvents JSON file per event; a repeat rewrites the same file', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    const folder = join(tempDir(), 'forwarded');
    const clock = new FakeClock();
    const config = configWithForwarding({
      destinations: [{ id: 'local-folder', type: 'file', path: folder }],
      routes: [{ forms: ['*'], to: ['local-folder'] }],
    });
    const forwarding = createForwarding({
      config,
      store,
      log: captureLogs().log,
      clock: clock.now,
    });
    try {
      const events = [
        makeEvent({ occurredAt: clock.now() }),
        makeEvent({ occurredAt: clock.now() }),
      ];
      for (const event of events) await store.outbox.enqueue(event, ['local-folder']);
      await forwarding.worker.runOnce();
      await store.outbox.replay({
        since: new Date(0),
        destinationId: 'local-folder',
        now: clock.now(),
      });
      await forwarding.worker.runOnce();
      const files = readdirSync(folder).sort();
      assert.deepEqual(files, events.map((e) => `${e.subject}.submitted.${e.id}.json`).sort());
      const written = JSON.parse(readFileSync(join(folder, files[0] ?? ''), 'utf8')) as {
        specversion: string;
        id: string;
      };
      assert.equal(written.specversion, '1.0');
      assert.ok(events.some((e) => e.id === written.id));
    } finally {
      await forwarding.stop();
      await store.close();
    }
  });
});
