import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testConfig, tempDir } from '../support/config';
import { startTestBot, type TestBot } from '../support/http';
import {
  clickCardAction,
  fillCardDate,
  fillCardInput,
  launchBrowser,
  openPlayground,
  saveScreenshot,
  selectCardChoice,
  sendMessage,
  setCardToggle,
  startPlayground,
  waitForCard,
  type RunningPlayground,
} from './support/playground';

const PLAYGROUND_TENANT = '3d6f2a1c-5b7e-4c19-8a42-6e0b9d1f7c01';
const SHOTS = join('test-results', 'e2e', 'declare-gift');

describe('e2e (Agents Playground): a gift declaration', function () {
  this.timeout(180_000);
  let bot: TestBot;
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  before(async () => {
    bot = await startTestBot({
      config: testConfig({
        env: { ALLOWED_TENANT_IDS: PLAYGROUND_TENANT, RUN_WORKER: 'false' },
        agency: {
          forwarding: { destinations: [{ id: 'local-folder', type: 'file', path: tempDir() }] },
        } as never,
      }),
    });
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages` });
    browser = await launchBrowser();
    page = await openPlayground(browser, playground.url);
  });

  after(async () => {
    await page?.context().close();
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  it('completes the wizard, shows the confirmation and lists it under My declarations', async () => {
    await sendMessage(page, 'I was given a bottle of wine');
    await waitForCard(page, /Before you start/);
    await saveScreenshot(page, join(SHOTS, '1-privacy-notice.png'));
    await clickCardAction(page, 'Continue');

    await waitForCard(page, /About you/);
    await fillCardInput(page, 'Your role or job title', 'Policy analyst');
    await fillCardInput(page, 'Your business unit or team', 'Policy');
    await fillCardInput(page, 'Your manager or approver', 'Mere Manager');
    await saveScreenshot(page, join(SHOTS, '2-about-you.png'));
    await clickCardAction(page, 'Next');

    await waitForCard(page, /The offer/);
    await fillCardDate(page, 'Date offered or received (or the event date)', '2026-03-02');
    await fillCardInput(page, 'Offered by (person)', 'Sam Supplier');
    await fillCardInput(page, 'Their organisation, if any', 'Acme Widgets');
    await selectCardChoice(page, "The giver's relationship to the agency", 'Supplier');
    await selectCardChoice(page, 'What was offered?', 'A gift');
    await fillCardInput(
      page,
      'What was offered, and the occasion or reason',
      'A bottle of wine after a project meeting',
    );
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
    await saveScreenshot(page, join(SHOTS, '3-review.png'));
    await clickCardAction(page, 'Submit');

    const receipt = await waitForCard(page, /Declaration received/);
    const text = await receipt.innerText();
    const reference = /GIF-\d{4}-\d{6}/.exec(text)?.[0];
    assert.ok(reference, text);
    assert.match(text, /What happens next/);
    await saveScreenshot(page, join(SHOTS, '4-confirmation.png'));

    await sendMessage(page, 'my declarations');
    const list = await waitForCard(page, new RegExp(`My declarations[\\s\\S]*${reference}`));
    assert.match(await list.innerText(), /Gift, hospitality or koha declaration/);
    await saveScreenshot(page, join(SHOTS, '5-my-declarations.png'));
  });
});
