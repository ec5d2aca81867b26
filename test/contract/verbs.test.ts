import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Verbs } from '../../src/bot/verbs';
import {
  BOT,
  cardText,
  createConversationHarness,
  type ConversationHarness,
} from '../support/conversation';
import { ADVISER_A, STAFF_A } from '../support/users';

const FALLBACK_CARD = /button doesn't work any more/;
const FALLBACK_TEXT = /Type "help" to see how/;

function templateVerbs(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync('adaptive-cards').filter(
    (f) => f.endsWith('.json') && !f.endsWith('.data.json'),
  )) {
    for (const match of readFileSync(join('adaptive-cards', file), 'utf8').matchAll(
      /"verb"\s*:\s*"([^"]+)"/g,
    )) {
      if (match[1] !== undefined) found.set(match[1], file);
    }
  }
  return found;
}

interface ManifestCommand {
  title: string;
}
const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as {
  bots: { commandLists: { scopes: string[]; commands: ManifestCommand[] }[] }[];
};

describe('contract: verbs, templates, routes and manifest commands', () => {
  let h: ConversationHarness;
  beforeEach(() => {
    h = createConversationHarness();
  });
  afterEach(() => h.close());

  it('every verb a card template uses is a declared verb', () => {
    const declared = new Set<string>(Object.values(Verbs));
    for (const [verb, file] of templateVerbs()) {
      assert.ok(declared.has(verb), `${file} uses undeclared verb "${verb}"`);
    }
  });

  for (const verb of Object.values(Verbs)) {
    it(`"${verb}" has a route: it never falls through to the out-of-date card`, async () => {
      const result = await h.execute(STAFF_A, verb, {});
      assert.equal(result.response?.statusCode, 200);
      assert.doesNotMatch(
        cardText(result.response?.value) + String(result.response?.value),
        FALLBACK_CARD,
      );
    });
  }

  it('every personal command in the manifest gets a real answer in a 1:1 chat', async () => {
    const personal = manifest.bots[0]?.commandLists.find((l) => l.scopes.includes('personal'));
    assert.ok(personal);
    for (const { title } of personal.commands) {
      const replies = await h.say(STAFF_A, title);
      assert.ok(replies.length > 0, `no reply to "${title}"`);
      const text = replies.map((r) => `${r.text ?? ''} ${cardText(r.attachments)}`).join(' ');
      assert.doesNotMatch(text, FALLBACK_TEXT, `"${title}" fell through to the fallback`);
    }
  });

  it('every team command in the manifest gets a real answer from an adviser who mentions the bot', async () => {
    const team = manifest.bots[0]?.commandLists.find((l) => l.scopes.includes('team'));
    assert.ok(team);
    for (const { title } of team.commands) {
      const replies = await h.send(
        ADVISER_A,
        {
          type: 'message',
          text: `<at>Integrity assistant</at> ${title}`,
          entities: [{ type: 'mention', mentioned: BOT, text: '<at>Integrity assistant</at>' }],
        },
        { conversation: 'channel' },
      );
      const text = replies.map((r) => `${r.text ?? ''} ${cardText(r.attachments)}`).join(' ');
      assert.ok(replies.length > 0, `no reply to "${title}"`);
      assert.doesNotMatch(text, FALLBACK_TEXT, `"${title}" fell through to the fallback`);
    }
  });

  it('the typed commands the code knows are the ones the manifest lists', () => {
    const titles = new Set(
      manifest.bots[0]?.commandLists.flatMap((l) => l.commands.map((c) => c.title.toLowerCase())),
    );
    for (const command of Object.values(Commands))
      assert.ok(titles.has(command), `manifest lacks "${command}"`);
  });
});
