import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decide, type DecideOptions } from '../../../../src/core/knowledge/decide';
import { EVERYDAY_FILE, loadKnowledge } from '../../../../src/core/knowledge/loader';
import type { SearchIndex } from '../../../../src/core/knowledge/search-index';
import { createSearchIndexFor } from '../../../../src/core/knowledge/service';
import { GIFTS, SECONDARY, SHARES, SPEAKING_UP, writeKnowledge } from './fixtures';

function fixtureIndex(): SearchIndex {
  const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP, SHARES]);
  // A real knowledge base has its everyday questions; use the committed ones.
  mkdirSync(join(dir, 'tests'));
  copyFileSync(join('knowledge', EVERYDAY_FILE), join(dir, EVERYDAY_FILE));
  const loaded = loadKnowledge(dir);
  assert.ok(loaded.ok);
  return createSearchIndexFor(loaded.value);
}

const options: DecideOptions = {
  thresholds: { answer: 0.7, suggest: 0.35, suggestScenario: 0.2, agree: 0.95, suggestTopic: 1, margin: 0.02 },
  maxSuggestions: 3,
};

describe('knowledge search and the three-band decision', () => {
  const index = fixtureIndex();

  it('ranks by meaning of the words, with confidence in [0, 1]', () => {
    const hits = index.search('a supplier gave me a bottle of wine, can I keep it?');
    assert.equal(hits[0]?.article.id, 'gifts');
    for (const hit of hits) assert.ok(hit.confidence >= 0 && hit.confidence <= 1);
  });

  it('answers one clear winner', () => {
    const decision = decide(index, 'can I keep the wine a supplier gave me', options);
    assert.equal(decision.status, 'answer');
    assert.equal(decision.status === 'answer' && decision.article.id, 'gifts');
  });

  it('finds an article through a synonym and despite a typo', () => {
    const viaSynonym = decide(index, 'is a side hustle ok', options);
    assert.equal(viaSynonym.status === 'answer' && viaSynonym.article.id, 'secondary');
    const typo = index.search('can i keep the hampre from a vendor')[0];
    assert.equal(typo?.article.id, 'gifts');
  });

  it('offers suggestions, never more than the configured number, when unsure', () => {
    const decision = decide(index, 'rules', { ...options, maxSuggestions: 2 });
    assert.equal(decision.status, 'suggest');
    assert.ok(decision.status === 'suggest' && decision.suggestions.length <= 2);
  });

  it('declines when nothing fits', () => {
    const decision = decide(index, 'how do I reset my password', options);
    assert.equal(decision.status, 'none');
    assert.equal(decide(index, 'zzzz qqqq', options).status, 'none');
  });

  it('moves between bands as the thresholds move', () => {
    const q = 'declare hospitality';
    const strict = decide(index, q, { ...options, thresholds: { answer: 1, suggest: 1, suggestScenario: 1, agree: 1, suggestTopic: 1, margin: 0 } });
    const loose = decide(index, q, { ...options, thresholds: { answer: 0.01, suggest: 0.01, suggestScenario: 0.01, agree: 1, suggestTopic: 1, margin: 0 } });
    assert.equal(strict.status, 'none');
    assert.equal(loose.status, 'answer');
  });

  it('offers "Did you mean" from a lower confidence for a long scenario than for a short question', () => {
    const thresholds = { answer: 0.99, suggest: 0.99, suggestScenario: 0.05, agree: 1, suggestTopic: 1, margin: 0 };
    const short = decide(index, 'supplier wine gift', { ...options, thresholds });
    assert.equal(short.status, 'none');
    const scenario =
      'a supplier dropped off a bottle of wine for me after the meeting on friday and left it at reception';
    const long = decide(index, scenario, { ...options, thresholds });
    assert.equal(long.status, 'suggest');
    assert.equal(long.status === 'suggest' && long.suggestions[0]?.article.id, 'gifts');
    const plain = decide(index, scenario, {
      ...options,
      thresholds: { ...thresholds, suggestScenario: 0.99 },
    });
    assert.equal(plain.status, 'none');
  });

  it('answers when search and the topic classifier agree, although search alone is unsure', () => {
    const q = 'the account manager from our stationery vendor left a hamper on my desk this arvo';
    const unsure = { answer: 0.99, suggest: 0.05, suggestScenario: 0.05, suggestTopic: 1, margin: 0 };
    const off = decide(index, q, { ...options, thresholds: { ...unsure, agree: 1 } });
    assert.equal(off.status, 'suggest');
    const on = decide(index, q, { ...options, thresholds: { ...unsure, agree: 0.5 } });
    assert.equal(on.status, 'answer');
    assert.ok(on.status === 'answer' && on.agreed && on.article.id === 'gifts');
    // Not below the "Did you mean" floor: agreement only lifts what search would have offered.
    const floor = decide(index, q, {
      ...options,
      thresholds: { ...unsure, suggest: 0.99, suggestScenario: 0.99, agree: 0.5 },
    });
    assert.notEqual(floor.status, 'answer');
  });

  it('does not answer from agreement when the classifier calls it an everyday question', () => {
    const thresholds = { answer: 0.99, suggest: 0.01, suggestScenario: 0.01, agree: 0.5, suggestTopic: 1, margin: 0 };
    const decision = decide(index, 'how do i reset my password for the hr system', { ...options, thresholds });
    assert.notEqual(decision.status, 'answer');
    assert.equal(index.topicOf('how do i reset my password for the hr system')?.articleId, null);
  });

  it('offers the topic classifier\'s article rather than "I don\'t have guidance" when search is below the floor', () => {
    const q = 'the account manager from our stationery vendor left a hamper on my desk this arvo';
    const below = { answer: 0.99, suggest: 0.99, suggestScenario: 0.99, agree: 1, margin: 0 };
    assert.equal(decide(index, q, { ...options, thresholds: { ...below, suggestTopic: 1 } }).status, 'none');
    const offered = decide(index, q, { ...options, thresholds: { ...below, suggestTopic: 0.5 } });
    assert.equal(offered.status, 'suggest');
    assert.deepEqual(
      offered.status === 'suggest' && offered.suggestions.map((s) => s.article.id),
      ['gifts'],
    );
    // Not for a question the classifier calls everyday, nor when it is less sure than the threshold.
    const password = 'how do i reset my password for the hr system';
    assert.equal(decide(index, password, { ...options, thresholds: { ...below, suggestTopic: 0.5 } }).status, 'none');
    const sure = index.topicOf(q)?.probability ?? 0;
    const above = { ...below, suggestTopic: Math.min(1, sure + 1e-6) };
    assert.equal(decide(index, q, { ...options, thresholds: above }).status, 'none');
  });

  it('answers small talk without searching', () => {
    const decision = decide(index, 'thanks!', options);
    assert.equal(decision.status, 'none');
    assert.equal(decision.status === 'none' && decision.chitChat, 'thanks');
  });

  it('puts speaking-up guidance first for a report of wrongdoing', () => {
    const decision = decide(index, 'my manager is stealing gift vouchers from the supplier hamper', options);
    assert.equal(decision.status, 'answer');
    assert.ok(decision.status === 'answer' && decision.wrongdoing);
    assert.equal(decision.status === 'answer' && decision.article.id, 'speaking-up');
  });
});
