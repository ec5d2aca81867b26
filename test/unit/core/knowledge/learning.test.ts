import { strict as assert } from 'node:assert';
import { decide } from '../../../../src/core/knowledge/decide';
import { createLearningLoop } from '../../../../src/core/knowledge/learning';
import { loadKnowledge } from '../../../../src/core/knowledge/loader';
import { createSearchIndex } from '../../../../src/core/knowledge/search-index';
import { openSqliteStore } from '../../../../src/store/sqlite/open-sqlite-store';
import { tempDir } from '../../../support/config';
import { GIFTS, SECONDARY, SPEAKING_UP, writeKnowledge } from './fixtures';

describe('knowledge learning loop (SQLite)', () => {
  const loaded = loadKnowledge(writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]));
  assert.ok(loaded.ok);
  const index = createSearchIndex(loaded.value.articles, loaded.value.synonyms);
  const options = { thresholds: { answer: 0.7, suggest: 0.35, suggestScenario: 0.2, agree: 0.95, suggestTopic: 1, margin: 0.02 }, maxSuggestions: 3 };

  it('records unanswered questions and not-helpful feedback, groups them, most frequent first', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    const now = new Date('2026-11-01T00:00:00Z');
    const loop = createLearningLoop(store.learning, { retentionDays: 30, clock: () => now });
    for (const q of ['How do I reset my password?', 'how do i reset my password', 'pavlova recipe']) {
      await loop.recordOutcome(q, decide(index, q, options));
    }
    await loop.recordOutcome('thanks', decide(index, 'thanks', options));
    await loop.recordOutcome('can i keep the wine', decide(index, 'can i keep the wine a supplier gave me', options));
    await loop.recordFeedback({ articleId: 'gifts', helpful: false, question: 'wine from a visitor' });
    await loop.recordComment({ articleId: 'gifts', comment: '  nothing about visitors  ' });
    await loop.recordComment({ articleId: 'gifts', comment: '   ' });
    const report = await loop.report();
    // Case and punctuation variants count together, most frequent first.
    assert.deepEqual(report[0] && [report[0].kind, report[0].count], ['none', 2]);
    assert.match(report[0]?.question ?? '', /^how do i reset my password\??$/i);
    assert.deepEqual(
      report
        .slice(1)
        .map((r) => [r.kind, r.count, r.question, r.articleId])
        .sort(),
      [
        ['comment', 1, null, 'gifts'],
        ['none', 1, 'pavlova recipe', null],
        ['not_helpful', 1, 'wine from a visitor', 'gifts'],
      ],
    );
    assert.deepEqual(report.find((r) => r.kind === 'comment')?.comments, ['nothing about visitors']);
    await store.close();
  });

  it('purges entries older than the retention period', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    let now = new Date('2026-01-01T00:00:00Z');
    const loop = createLearningLoop(store.learning, { retentionDays: 30, clock: () => now });
    await loop.recordOutcome('pavlova recipe', decide(index, 'pavlova recipe', options));
    now = new Date('2026-01-20T00:00:00Z');
    await loop.recordOutcome('pavlova recipe', decide(index, 'pavlova recipe', options));
    now = new Date('2026-02-10T00:00:00Z');
    assert.equal(await loop.purge(), 1);
    assert.equal((await loop.report())[0]?.count, 1);
    await store.close();
  });
});
