import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { startTestBot, type TestBot } from '../support/http';
import {
  launchBrowser,
  openPlayground,
  saveScreenshot,
  sendMessage,
  startPlayground,
  waitForCard,
  type RunningPlayground,
} from './support/playground';

describe('end to end in the Agents Playground: foundation', function () {
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
  });
  after(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  it('shows the welcome card on install, then the help card for "help"', async () => {
    const welcome = await waitForCard(page, /integrity assistant/i);
    assert.match((await welcome.innerText()).toLowerCase(), /ask me about conflicts of interest/);
    await saveScreenshot(page, 'test-results/e2e/foundation-welcome.png');

    await sendMessage(page, 'help');
    const help = await waitForCard(page, /How I can help/);
    const text = await help.innerText();
    assert.match(text, /Make a declaration/);
    assert.match(text, /Talk to an adviser/);
    await saveScreenshot(page, 'test-results/e2e/foundation-help.png');
  });
});
