import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { startTestBot, type TestBot } from '../support/http';
import {
  clickCardAction,
  launchBrowser,
  openPlayground,
  saveScreenshot,
  sendMessage,
  startPlayground,
  waitForCard,
  type RunningPlayground,
} from './support/playground';

describe('end to end in the Agents Playground: asking a question', function () {
  this.timeout(120_000);
  let bot: TestBot;
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  before(async () => {
    bot = await startTestBot();
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages` });
    browser = await launchBrowser();
    page = await openPlayground(browser, playground.url);
    await waitForCard(page, /integrity assistant/i);
  });
  after(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  it('answers with a sourced answer card, and records "Helpful" in place', async () => {
    await sendMessage(page, 'can i keep the bottle of wine a supplier gave me');
    const card = await waitForCard(
      page,
      /Accepting, declining and declaring gifts and hospitality/,
    );
    const text = await card.innerText();
    assert.match(text, /Sources/);
    assert.match(text, /Last reviewed 20 November 2026/);
    assert.match(text, /Under review/);
    assert.match(text, /Start a declaration/);
    assert.match(text, /Ask an adviser/);
    await saveScreenshot(page, 'test-results/e2e/ask-answer.png');

    await clickCardAction(page, 'Helpful', card);
    await waitForCard(page, /glad it helped/);
    const counts = await bot.deps.store.learning.feedbackCounts();
    assert.deepEqual(counts, [{ articleId: 'gifts-accepting', helpful: 1, notHelpful: 0 }]);
  });

  it('says honestly when it has no guidance', async () => {
    await sendMessage(page, 'what is the wifi password for the guest network');
    const card = await waitForCard(page, /I don't have guidance on that/);
    assert.match(await card.innerText(), /Ask an adviser/);
    await saveScreenshot(page, 'test-results/e2e/ask-no-answer.png');
  });
});
