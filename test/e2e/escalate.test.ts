import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testConfig } from '../support/config';
import { startTestBot, type TestBot } from '../support/http';
import {
  clickCardAction,
  fillCardInput,
  launchBrowser,
  openChannel,
  openPlayground,
  postToChannel,
  saveScreenshot,
  selectCardChoice,
  sendMessage,
  startPlayground,
  waitForBotText,
  waitForCard,
  type RunningPlayground,
} from './support/playground';

const PLAYGROUND_TENANT = '3d6f2a1c-5b7e-4c19-8a42-6e0b9d1f7c01';
/** Wiremu Adviser in the committed Playground config. */
const WIREMU = '3d6f2a1c-5b7e-4c19-8a42-6e0b9d1f7a02';
const SHOTS = join('test-results', 'e2e', 'escalate');
const QUESTION = 'can our team run a paid sweepstake on the rugby world cup';

describe('e2e (Agents Playground): escalating a question to an integrity adviser', function () {
  this.timeout(240_000);
  let bot: TestBot;
  let staffPlayground: RunningPlayground;
  let adviserPlayground: RunningPlayground;
  let browser: Browser;
  let staff: Page;
  let adviser: Page;

  before(async () => {
    bot = await startTestBot({
      config: testConfig({
        env: { ALLOWED_TENANT_IDS: PLAYGROUND_TENANT, RUN_WORKER: 'false' },
        agency: { advisers: { ids: [WIREMU] } },
      }),
    });
    const botEndpoint = `${bot.url}/api/messages`;
    staffPlayground = await startPlayground({ botEndpoint });
    adviserPlayground = await startPlayground({ botEndpoint, asUser: 'Wiremu Adviser' });
    browser = await launchBrowser();
    adviser = await openPlayground(browser, adviserPlayground.url);
    staff = await openPlayground(browser, staffPlayground.url);
  });

  after(async () => {
    await staff?.context().close();
    await adviser?.context().close();
    await browser?.close();
    await staffPlayground?.stop();
    await adviserPlayground?.stop();
    await bot?.stop();
  });

  it('staff ask what the KB cannot answer; the adviser claims and answers in the channel; staff see the answer', async () => {
    // The adviser registers the "Integrity advisers" channel (in their own Playground).
    await openChannel(adviser, 'Integrity', 'Integrity advisers');
    await postToChannel(adviser, 'register this channel', { mention: true });
    await waitForBotText(adviser, /now receives integrity adviser tickets/);

    // Staff ask something the knowledge base has no answer for, and escalate from the card.
    await sendMessage(staff, QUESTION);
    await waitForCard(staff, /I don't have guidance on that/);
    await saveScreenshot(staff, join(SHOTS, '1-staff-no-answer.png'));
    await clickCardAction(staff, 'Ask an adviser');
    const ask = await waitForCard(staff, /Ask an integrity adviser/);
    assert.match(await ask.innerText(), /advisers will not see your name/);
    await fillCardInput(
      staff,
      'Anything else the adviser should know (optional)',
      'The dealer is bidding for our next fleet contract.',
    );
    await selectCardChoice(staff, 'Topic', 'Gifts, hospitality and koha');
    await saveScreenshot(staff, join(SHOTS, '2-staff-ask-card.png'));
    await clickCardAction(staff, 'Send to an adviser');
    const sent = await waitForCard(staff, /Sent to the integrity advisers/);
    const ref = /INT-\d{6}/.exec(await sent.innerText())?.[0];
    assert.ok(ref);
    await saveScreenshot(staff, join(SHOTS, '3-staff-sent.png'));

    // The ticket card reaches the advisers' channel; the adviser claims and answers on it.
    const ticket = await waitForCard(adviser, new RegExp(`${ref}.*Gifts`, 's'));
    assert.match(await ticket.innerText(), /Aroha Staff/);
    await saveScreenshot(adviser, join(SHOTS, '4-adviser-ticket.png'));
    await clickCardAction(adviser, 'Claim', ticket);
    const claimed = await waitForCard(adviser, /You claimed this ticket/);
    assert.match(await claimed.innerText(), /Wiremu Adviser/);
    await clickCardAction(adviser, 'Answer', claimed);
    await fillCardInput(
      adviser,
      'Your answer (sent to the asker\'s chat as "Answer from an integrity adviser")',
      'Decline the discount: the dealer is a current supplier bidding for work, so it creates an expectation. Record the offer in the gifts register.',
      claimed,
    );
    await clickCardAction(adviser, 'Send answer', claimed);
    await waitForCard(adviser, /Your answer was sent/);
    await saveScreenshot(adviser, join(SHOTS, '5-adviser-answered.png'));

    // Staff see the answer in their chat, and close the ticket.
    const answer = await waitForCard(staff, /Answer from an integrity adviser/);
    assert.match(await answer.innerText(), /Decline the discount/);
    await saveScreenshot(staff, join(SHOTS, '6-staff-answer.png'));
    await clickCardAction(staff, 'That answers it', answer);
    await waitForCard(staff, new RegExp(`${ref} is closed`));
    await saveScreenshot(staff, join(SHOTS, '7-staff-closed.png'));
    assert.equal((await bot.deps.escalations.get(ref))?.state, 'closed');
  });
});
