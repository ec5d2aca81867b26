import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import type { AppConfig } from '../../src/config/load-config';
import { testConfig, tempDir } from '../support/config';
import { forwardingSection, newWebhookSecret } from '../support/forwarding';
import { startTestBot, type TestBot } from '../support/http';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import {
  clickCardAction,
  fillCardDate,
  fillCardInput,
  launchBrowser,
  openPlayground,
  selectCardChoice,
  sendMessage,
  setCardToggle,
  startPlayground,
  waitForCard,
  type RunningPlayground,
} from './support/playground';

const PLAYGROUND_TENANT = '3d6f2a1c-5b7e-4c19-8a42-6e0b9d1f7c01';
const SHOTS = join('test-results', 'e2e', 'forwarding');

/** The card itself, so the Delivery section is in the picture however long the answers are. */
async function saveCardShot(page: Page, card: Locator, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport?.width ?? 1400, height: 2600 });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(SHOTS, name) });
  if (viewport) await page.setViewportSize(viewport);
}

describe('e2e (Agents Playground): forwarding a declaration to an agency system', function () {
  this.timeout(180_000);
  let receiver: WebhookReceiver;
  let bot: TestBot;
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  before(async () => {
    const secret = newWebhookSecret();
    receiver = await startWebhookReceiver({ secrets: [secret] });
    const base = testConfig({ env: { ALLOWED_TENANT_IDS: PLAYGROUND_TENANT } });
    const config: AppConfig = {
      ...base,
      agency: {
        ...base.agency,
        forwarding: forwardingSection({
          destinations: [
            { id: 'hr-system', type: 'webhook', url: receiver.url, secretEnv: 'HR_WEBHOOK_SECRET' },
            { id: 'local-folder', type: 'file', path: tempDir() },
          ],
          routes: [{ forms: ['*'], to: ['hr-system', 'local-folder'] }],
          retry: { schedule: Array.from({ length: 20 }, () => '1s'), jitter: 0 },
          worker: { pollInterval: '200ms' },
        }),
      },
      secrets: { forwarding: { webhooks: { 'hr-system': [secret] } } },
    };
    await receiver.down();
    bot = await startTestBot({ config });
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages` });
    browser = await launchBrowser();
    page = await openPlayground(browser, playground.url);
  });

  after(async () => {
    await page?.context().close();
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
    await receiver?.close();
  });

  it('shows "delayed, retrying" while the agency system is down, then "delivered" once it is back', async () => {
    await sendMessage(page, 'I was given a bottle of wine');
    await waitForCard(page, /Before you start/);
    await clickCardAction(page, 'Continue');
    await waitForCard(page, /About you/);
    await fillCardInput(page, 'Your role or job title', 'Policy analyst');
    await fillCardInput(page, 'Your business unit or team', 'Policy');
    await fillCardInput(page, 'Your manager or approver', 'Mere Manager');
    await clickCardAction(page, 'Next');
    await waitForCard(page, /The offer/);
    await fillCardDate(page, 'Date offered or received (or the event date)', '2026-03-02');
    await fillCardInput(page, 'Offered by (person)', 'Sam Supplier');
    await fillCardInput(page, 'Their organisation, if any', 'Acme Widgets');
    await selectCardChoice(page, "The giver's relationship to the agency", 'Supplier');
    await selectCardChoice(page, 'What was offered?', 'A gift');
    await fillCardInput(page, 'What was offered, and the occasion or reason', 'A bottle of wine');
    await clickCardAction(page, 'Next');
    await waitForCard(page, /Value and your decision/);
    await fillCardInput(page, 'Estimated value (NZD)', '40');
    await fillCardInput(page, 'How you estimated the value', 'Shop price');
    await selectCardChoice(page, 'What did you do with the offer?', 'Declined');
    await selectCardChoice(
      page,
      'Are you involved in any current or upcoming decision, procurement or case involving the giver?',
      'No',
    );
    await selectCardChoice(
      page,
      'Is the giver a supplier or tenderer in a live procurement?',
      'No',
    );
    await clickCardAction(page, 'Next');
    await waitForCard(page, /A few more details/);
    await fillCardInput(page, 'How and when you declined or returned it', 'By email the same day');
    await clickCardAction(page, 'Next');
    await waitForCard(page, /Check your answers/);
    await setCardToggle(page, 'I confirm this information is complete and correct.', true);
    await clickCardAction(page, 'Submit');
    const receipt = await waitForCard(page, /Declaration received/);
    const reference = /GIF-\d{4}-\d{6}/.exec(await receipt.innerText())?.[0];
    assert.ok(reference);

    // The agency system is down: after a failed attempt, the declaration says so.
    for (let i = 0; i < 100; i += 1) {
      const rows = await bot.deps.store.outbox.statusFor(reference);
      if (rows.some((r) => r.destinationId === 'hr-system' && r.attempts > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sendMessage(page, 'my declarations');
    await waitForCard(page, new RegExp(`My declarations[\\s\\S]*${reference}`));
    await clickCardAction(page, `View ${reference}`);
    const delayed = await waitForCard(page, /hr-system\s*delayed, retrying/);
    assert.match(await delayed.innerText(), /local-folder\s*delivered/);
    await saveCardShot(page, delayed, '1-delayed.png');

    // Back up: the receiver verifies the signature and gets the declaration once.
    await receiver.up();
    await receiver.waitFor(1, 30_000);
    assert.equal(receiver.events[0]?.event.subject, reference);
    for (let i = 0; i < 50; i += 1) {
      const rows = await bot.deps.store.outbox.statusFor(reference);
      if (rows.every((r) => r.status === 'delivered')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sendMessage(page, 'my declarations');
    await waitForCard(page, new RegExp(`My declarations[\\s\\S]*${reference}[\\s\\S]*Forwarded`));
    await clickCardAction(page, `View ${reference}`);
    const delivered = await waitForCard(page, /hr-system\s*delivered/);
    assert.doesNotMatch(await delivered.innerText(), /retrying/);
    await saveCardShot(page, delivered, '2-delivered.png');
    assert.equal(receiver.duplicates.length, 0);
  });
});
