import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../../../../src/core/knowledge/analyse';
import { EVERYDAY_FILE, EXAMPLES_FILE, loadKnowledge } from '../../../../src/core/knowledge/loader';
import { createSynonymMatcher } from '../../../../src/core/knowledge/synonyms';
import { KnowledgeConfigSchema } from '../../../../src/core/knowledge/config';
import { createKnowledgeService } from '../../../../src/core/knowledge/service';
import {
  TOPIC_CLASSIFIER_MAX_ARTICLES,
  topicClassifierFrom,
  trainTopicClassifier,
} from '../../../../src/core/knowledge/topic-classifier';
import { startTopicTraining } from '../../../../src/core/knowledge/topic-classifier-thread';
import { tempDir } from '../../../support/config';
import { GIFTS, SECONDARY, SHARES, SPEAKING_UP, writeKnowledge } from './fixtures';

/** Ways staff tell of a gift or a second job that the fixture articles' own questions never use. */
const EXAMPLES = [
  { question: 'the account manager from a supplier left a present on my desk', expect: ['gifts'] },
  { question: 'a vendor popped in with a hamper with my name on it', expect: ['gifts'] },
  { question: 'our stationery vendor dropped off a box of goodies for me', expect: ['gifts'] },
  { question: 'i want to drive uber in the weekends', expect: ['secondary'] },
];

function fixture() {
  const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP, SHARES]);
  mkdirSync(join(dir, 'tests'));
  copyFileSync(join('knowledge', EVERYDAY_FILE), join(dir, EVERYDAY_FILE));
  writeFileSync(join(dir, EXAMPLES_FILE), EXAMPLES.map((e) => JSON.stringify(e)).join('\n'));
  const loaded = loadKnowledge(dir);
  assert.ok(loaded.ok);
  const synonyms = createSynonymMatcher(loaded.value.synonyms);
  return {
    ...loaded.value,
    dir,
    matcher: synonyms,
    terms: (q: string) => analyse(q, synonyms).terms,
  };
}

describe('topic classifier', () => {
  const kb = fixture();
  const everyday = kb.everyday ?? [];
  const examples = kb.examples ?? [];
  const classifier = trainTopicClassifier(kb.articles, kb.matcher, everyday, examples);
  const scenario = kb.terms(
    'so the account manager from our stationery vendor popped in this arvo and left a hamper on my desk with my name on it',
  );

  it('names the article a long scenario is about, although most of its words are details', () => {
    assert.ok(classifier);
    const opinion = classifier.classify(scenario);
    assert.equal(opinion.articleId, 'gifts');
    assert.ok(opinion.probability > 0.5, JSON.stringify(opinion));
  });

  it('learns from the example questions, and is less sure of the scenario without them', () => {
    assert.equal(examples.length, EXAMPLES.length);
    const without = trainTopicClassifier(kb.articles, kb.matcher, everyday);
    assert.ok(classifier && without);
    const sure = classifier.classify(scenario);
    const unsure = without.classify(scenario);
    const gifts = (o: { articleId: string | null; probability: number }) =>
      o.articleId === 'gifts' ? o.probability : 0;
    assert.ok(gifts(sure) > gifts(unsure), JSON.stringify({ sure, unsure }));
    assert.equal(classifier.classify(kb.terms('driving uber in the weekends')).articleId, 'secondary');
  });

  it('says "none of them" for an everyday workplace question', () => {
    assert.ok(classifier);
    const opinion = classifier.classify(kb.terms('how do i reset my password'));
    assert.equal(opinion.articleId, null);
  });

  it('gives the same answers every time it is trained on the same knowledge base', () => {
    const again = trainTopicClassifier(kb.articles, kb.matcher, everyday, examples);
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

describe('topic classifier on a worker thread', () => {
  it('trains the same classifier as the main thread', async () => {
    const kb = fixture();
    const here = trainTopicClassifier(kb.articles, kb.matcher, kb.everyday ?? [], kb.examples);
    const trained = await startTopicTraining(kb.dir);
    assert.ok(here && trained?.model);
    const there = topicClassifierFrom(trained.model);
    for (const q of ['a vendor left a hamper on my desk', 'uber driving on weekends', 'reset my password']) {
      assert.deepEqual(there.classify(kb.terms(q)), here.classify(kb.terms(q)));
    }
  });

  it('gives nothing for a folder that does not load', async () => {
    assert.equal(await startTopicTraining(join(tempDir(), 'missing')), undefined);
  });

  it('a starting service answers from search until the classifier arrives, then agrees', async () => {
    const kb = fixture();
    const config = KnowledgeConfigSchema.parse({
      dir: kb.dir,
      thresholds: { answer: 0.99, suggest: 0.05, suggestScenario: 0.05, agree: 0.5, suggestTopic: 1, margin: 0 },
    });
    const built = createKnowledgeService({ config, topics: startTopicTraining(kb.dir) });
    assert.ok(built.ok);
    const q = 'the account manager from our stationery vendor left a hamper on my desk this arvo';
    if (!built.value.complete()) assert.equal(built.value.ask(q).status, 'suggest');
    await built.value.whenComplete();
    assert.equal(built.value.complete(), true);
    const decision = built.value.ask(q);
    assert.ok(decision.status === 'answer' && decision.agreed, JSON.stringify(decision.status));
  });

  it('trains on the main thread when the worker learnt from other content', async () => {
    const kb = fixture();
    const config = KnowledgeConfigSchema.parse({
      dir: kb.dir,
      thresholds: { answer: 0.99, suggest: 0.05, suggestScenario: 0.05, agree: 0.5, suggestTopic: 1, margin: 0 },
    });
    // A model of another knowledge base (no gifts article), as if the files changed meanwhile.
    const other = writeKnowledge([SECONDARY, SPEAKING_UP, SHARES]);
    mkdirSync(join(other, 'tests'));
    copyFileSync(join('knowledge', EVERYDAY_FILE), join(other, EVERYDAY_FILE));
    const stale = startTopicTraining(other);
    const built = createKnowledgeService({ config, topics: stale });
    assert.ok(built.ok);
    await built.value.whenComplete();
    const decision = built.value.ask(
      'the account manager from our stationery vendor left a hamper on my desk this arvo',
    );
    assert.ok(decision.status === 'answer' && decision.agreed);
  });
});
