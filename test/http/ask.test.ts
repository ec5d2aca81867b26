import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { main as kb } from '../../src/cli/kb';
import { activityFor, cardActions } from '../support/conversation';
import { tempDir, testConfig } from '../support/config';
import { postActivity, startTestBot, type TestBot } from '../support/http';
import { STAFF_A } from '../support/users';

function cardOf(activities: readonly Partial<Activity>[]): Record<string, unknown> | undefined {
  for (const a of activities) {
    const att = a.attachments?.find(
      (x) => x.contentType === 'application/vnd.microsoft.card.adaptive',
    );
    if (att) return att.content as Record<string, unknown>;
  }
  return undefined;
}

async function cliAsk(question: string): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const code = await kb(
    ['ask', question, '--json'],
    (l) => lines.push(l),
    () => undefined,
  );
  assert.equal(code, 0);
  return JSON.parse(lines.join('')) as Record<string, unknown>;
}

describe('HTTP: asking a question end to end', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(() => bot.stop());

  it('reports knowledge ready on /readyz', async () => {
    const res = await fetch(`${bot.url}/readyz`);
    const body = (await res.json()) as { checks: Record<string, boolean> };
    assert.equal(body.checks.knowledge, true);
  });

  it('answers over /api/messages with the same article as `kb ask --json`', async () => {
    const questions = [
      'can i keep the bottle of wine a supplier gave me',
      'my sister applied for a job in my team',
      'whistleblowing',
      'how do i apply for annual leave',
      'i want to drive uber on weekends',
    ];
    for (const question of questions) {
      const result = await postActivity(
        bot.url,
        activityFor(STAFF_A, {
          type: 'message',
          text: question,
          id: `ask-${question.length}-${Date.now()}`,
        }),
      );
      assert.equal(result.status, 200);
      const cli = await cliAsk(question);
      const card = cardOf(result.activities);
      assert.ok(card, question);
      const actions = cardActions(card);
      if (cli.status === 'answer') {
        const own = actions.filter((a) => a.verb !== 'kb.show');
        assert.ok(own.length > 0);
        for (const action of own) assert.equal(action.data?.articleId, cli.articleId, question);
      } else if (cli.status === 'suggest') {
        const shown = actions.filter((a) => a.verb === 'kb.show').map((a) => a.data?.articleId);
        const suggested = (cli.suggestions as { articleId: string }[]).map((s) => s.articleId);
        assert.deepEqual(shown, suggested, question);
      } else {
        assert.ok(
          actions.every((a) => a.verb === 'adviser.ask'),
          question,
        );
      }
    }
  });
});

describe('HTTP: knowledge hot reload', () => {
  it('reloads changed files in local mode and refuses a knowledge base that fails lint', async function () {
    this.timeout(20_000);
    const dir = tempDir('kb-live-');
    cpSync('knowledge/articles', join(dir, 'articles'), { recursive: true });
    writeFileSync(join(dir, 'synonyms.yaml'), readFileSync('knowledge/synonyms.yaml'));
    mkdirSync(join(dir, 'drafts'));
    const config = testConfig({ agency: { knowledge: { dir, watch: 'always' } } });
    const bot = await startTestBot({ config });
    try {
      const waitFor = async (check: () => boolean) => {
        for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 50));
        assert.ok(check());
      };
      const file = join(dir, 'articles', 'oia-basics.md');
      const source = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        source.replace(/^title: .*$/m, 'title: Official Information Act basics (updated)'),
      );
      await waitFor(() => bot.deps.knowledge.current().version === 2);
      assert.equal(
        bot.deps.knowledge.article('oia-basics')?.title,
        'Official Information Act basics (updated)',
      );
      writeFileSync(file, source.replace(/^related: .*$/m, 'related: [no-such-article]'));
      await waitFor(() => bot.logs.raw().includes('reload refused'));
      assert.equal(bot.deps.knowledge.current().version, 2);
      const result = await postActivity(
        bot.url,
        activityFor(STAFF_A, {
          type: 'message',
          text: 'can i keep the bottle of wine a supplier gave me',
        }),
      );
      assert.ok(cardOf(result.activities));
    } finally {
      await bot.stop();
    }
  });
});
