import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../../../../src/core/knowledge/analyse';
import { EVERYDAY_FILE, loadKnowledge } from '../../../../src/core/knowledge/loader';
import { createSynonymMatcher } from '../../../../src/core/knowledge/synonyms';
import {
  TOPIC_CLASSIFIER_MAX_ARTICLES,
  trainTopicClassifier,
} from '../../../../src/core/knowledge/topic-classifier';
import { GIFTS, SECONDARY, SHARES, SPEAKING_UP, writeKnowledge } from './fixtures';

function fixture() {
  const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP, SHARES]);
  mkdirSync(join(dir, 'tests'));
  copyFileSync(join('knowledge', EVERYDAY_FILE), join(dir, EVERYDAY_FILE));
  const loaded = loadKnowledge(dir);
  assert.ok(loaded.ok);
  const synonyms = createSynonymMatcher(loaded.value.synonyms);
  return { ...loaded.value, matcher: synonyms, terms: (q: string) => analyse(q, synonyms).terms };
}

describe('topic classifier', () => {
  const kb = fixture();
  const everyday = kb.everyday ?? [];
  const classifier = trainTopicClassifier(kb.articles, kb.matcher, everyday);

  it('names the article a long scenario is about, although most of its words are details', () => {
    assert.ok(classifier);
    const opinion = classifier.classify(
      kb.terms(
        'so the account manager from our stationery vendor popped in this arvo and left a hamper on my desk with my name on it',
      ),
    );
    assert.equal(opinion.articleId, 'gifts');
    assert.ok(opinion.probability > 0.5, JSON.stringify(opinion));
  });

  it('says "none of them" for an everyday workplace question', () => {
    assert.ok(classifier);
    const opinion = classifier.classify(kb.terms('how do i reset my password'));
    assert.equal(opinion.articleId, null);
  });

  it('gives the same answers every time it is trained on the same knowledge base', () => {
    const again = trainTopicClassifier(kb.articles, kb.matcher, everyday);
    assert.ok(classifier && again);
    for (const q of ['can i keep the wine', 'second job driving uber', 'reset my password']) {
      assert.deepEqual(again.classify(kb.terms(q)), classifier.classify(kb.terms(q)));
    }
  });

  it('is not trained without everyday questions or over the article limit', () => {
    assert.equal(trainTopicClassifier(kb.articles, kb.matcher, []), undefined);
    const many = Array.from({ length: TOPIC_CLASSIFIER_MAX_ARTICLES + 1 }, (_, i) => ({
      ...(kb.articles[0] as (typeof kb.articles)[number]),
      id: `article-${i}`,
    }));
    assert.equal(trainTopicClassifier(many, kb.matcher, everyday), undefined);
  });
});
