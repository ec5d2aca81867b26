import { strict as assert } from 'node:assert';
import { testConfig, tempDir } from '../support/config';
import { prepareDeclaration, syntheticUser } from '../support/declare-over-http';
import { newWebhookSecret } from '../support/forwarding';
import { startTestBot } from '../support/http';
import { startWebhookReceiver } from '../support/webhook-receiver';

describe('forwarding real submissions', function () {
  this.timeout(120_000);

  it('200 concurrent submissions lose nothing: each arrives once at the receiver', async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver({ secrets: [secret] });
    const base = testConfig();
    const forwarding = base.agency.forwarding;
    const config = {
      ...base,
      agency: {
        ...base.agency,
        forwarding: {
          ...forwarding,
          destinations: [
            {
              id: 'hr-system',
              type: 'webhook' as const,
              url: receiver.url,
              secretEnv: 'S',
              timeoutMs: 10_000,
              contentType: 'application/cloudevents+json' as const,
            },
            { id: 'local-folder', type: 'file' as const, path: tempDir() },
          ],
          routes: [{ forms: ['*'], to: ['hr-system', 'local-folder'] }],
          worker: { ...forwarding.worker, pollInterval: 100, batchSize: 50 },
        },
      },
      secrets: { forwarding: { webhooks: { 'hr-system': [secret] } } },
    };
    const bot = await startTestBot({ config });
    try {
      const users = Array.from({ length: 200 }, syntheticUser);
      const submits: Array<() => Promise<string>> = [];
      for (let i = 0; i < users.length; i += 20) {
        submits.push(
          ...(await Promise.all(users.slice(i, i + 20).map((u) => prepareDeclaration(bot.url, u)))),
        );
      }
      const references = await Promise.all(submits.map((submit) => submit()));
      assert.equal(new Set(references).size, 200);
      await receiver.waitFor(200, 60_000);
      assert.deepEqual(receiver.events.map((e) => e.event.subject).sort(), [...references].sort());
      assert.equal(receiver.duplicates.length, 0);
    } finally {
      await bot.stop();
      await receiver.close();
    }
  });
});
