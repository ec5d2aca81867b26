import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createCardRenderer, defineCard, MAX_CARD_BYTES } from '../../src/cards/render';
import {
  answerActivity,
  noAnswerActivity,
  renderAnswerCard,
  suggestActivity,
} from '../../src/bot/knowledge-cards';
import { Verbs } from '../../src/bot/verbs';
import {
  createConversationHarness,
  type ConversationHarness,
  cardActions,
} from '../support/conversation';

const KNOWN_VERBS = new Set<string>(Object.values(Verbs));
const TEMPLATES = ['answer', 'suggest', 'no-answer', 'kb-form'];

describe('knowledge cards contract', () => {
  let h: ConversationHarness;
  before(() => {
    h = createConversationHarness();
  });
  after(() => h.close());

  it('every knowledge template renders its sample: Adaptive Card 1.5, no ${ left, under 80 KB, known verbs', () => {
    const renderer = createCardRenderer('adaptive-cards');
    for (const name of TEMPLATES) {
      const sample = JSON.parse(readFileSync(`adaptive-cards/${name}.data.json`, 'utf8')) as object;
      const card = renderer.render(defineCard<object>(name), sample);
      const json = JSON.stringify(card);
      assert.equal(card.version, '1.5', name);
      assert.ok(!json.includes('${'), name);
      assert.ok(Buffer.byteLength(json) < MAX_CARD_BYTES, name);
      for (const action of cardActions(card)) {
        assert.equal(action.type, 'Action.Execute', name);
        assert.ok(KNOWN_VERBS.has(action.verb ?? ''), `${name}: ${action.verb}`);
      }
    }
  });

  it('the answer card for every article: articleId on every action, at most 6 actions, under 80 KB', () => {
    for (const article of h.deps.knowledge.current().articles) {
      for (const stage of ['ask', 'comment', 'done'] as const) {
        const card = renderAnswerCard(h.deps, article, {
          feedbackStage: stage,
          feedbackThanks: 'x',
        });
        const actions = cardActions(card);
        assert.ok(actions.length <= 6, `${article.id}: ${actions.length} actions`);
        assert.ok(Buffer.byteLength(JSON.stringify(card)) < MAX_CARD_BYTES, article.id);
        for (const action of actions) {
          assert.equal(typeof action.data?.articleId, 'string', `${article.id} ${action.title}`);
          if (action.verb !== Verbs.articleShow) assert.equal(action.data?.articleId, article.id);
        }
        const verbs = actions.map((a) => a.verb);
        if (stage === 'ask') {
          assert.ok(verbs.includes(Verbs.adviserAsk), article.id);
          assert.equal(verbs.filter((v) => v === Verbs.articleFeedback).length, 2, article.id);
          assert.equal(verbs.includes(Verbs.declareStart), article.form !== 'none', article.id);
          const declare = actions.find((a) => a.verb === Verbs.declareStart);
          if (declare)
            assert.deepEqual(declare.data, { form: article.form, articleId: article.id });
          for (const related of actions.filter((a) => a.verb === Verbs.articleShow)) {
            assert.ok(article.related.includes(String(related.data?.articleId)), article.id);
          }
        }
      }
    }
  });

  it('the answer message carries a citation without the AI label, and plain text', () => {
    const article = h.deps.knowledge.article('gifts-accepting');
    assert.ok(article);
    const activity = answerActivity(h.deps, article);
    const entity = (activity.entities?.[0] ?? {}) as Record<string, unknown>;
    assert.equal(entity.type, 'https://schema.org/Message');
    assert.equal(entity.additionalType, undefined);
    const citations = entity.citation as {
      position: number;
      appearance: Record<string, unknown>;
    }[];
    assert.equal(citations.length, article.sources.length);
    for (const c of citations) {
      assert.ok(String(c.appearance.name).length <= 80);
      assert.ok(String(c.appearance.abstract).length <= 160);
      assert.match(activity.text ?? '', new RegExp(`\\[${c.position}\\]`));
    }
  });

  it('suggest and no-answer cards: kb.show per suggestion, adviser.ask carrying the question', () => {
    const articles = h.deps.knowledge.current().articles.slice(0, 3);
    const suggest = suggestActivity(
      h.deps,
      'my question',
      articles.map((article) => ({ article, confidence: 0.5 })),
    );
    const suggestActions = cardActions(suggest.attachments?.[0]?.content);
    assert.deepEqual(
      suggestActions.filter((a) => a.verb === Verbs.articleShow).map((a) => a.data),
      articles.map((a) => ({ articleId: a.id })),
    );
    assert.deepEqual(suggestActions.find((a) => a.verb === Verbs.adviserAsk)?.data, {
      question: 'my question',
    });
    const none = noAnswerActivity(h.deps, 'other question');
    const noneActions = cardActions(none.attachments?.[0]?.content);
    assert.deepEqual(
      noneActions.map((a) => [a.verb, a.data]),
      [[Verbs.adviserAsk, { question: 'other question' }]],
    );
  });
});
