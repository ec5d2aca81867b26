import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintKnowledge } from '../../../../src/core/knowledge/lint';
import { loadKnowledge } from '../../../../src/core/knowledge/loader';
import { stem } from '../../../../src/core/knowledge/normalise';
import {
  createSearchIndex,
  everydayBackground,
  termSpecificity,
} from '../../../../src/core/knowledge/search-index';
import { createSearchIndexFor } from '../../../../src/core/knowledge/service';
import { GIFTS, SECONDARY, SHARES, SPEAKING_UP, writeKnowledge, type FixtureArticle } from './fixtures';

const POLITICS: FixtureArticle = {
  id: 'politics',
  title: 'Political activity in your own time',
  questions: [
    'can i join a political party',
    'can i stand for parliament',
    'can i put a party sign on my fence',
    'can i help a candidate campaign at the weekend',
    'can i go to a protest',
    'can i donate to a political party',
  ],
  keywords: ['politics', 'party', 'campaign'],
};

const EVERYDAY = [
  'when is the staff party',
  'who is organising the farewell party',
  'is there a dress theme for the party',
  'how do i reset my password',
  'how do i book a meeting room',
  'when is payday',
];

function writeEveryday(dir: string, questions: readonly string[], expect: string[] = []): void {
  const lines = questions.map((question) => JSON.stringify({ question, expect }));
  const file = join(dir, 'tests', 'calibration-out-of-scope.jsonl');
  mkdirSync(join(dir, 'tests'), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('knowledge search: everyday words and heads of clusters', () => {
  it('scores a word used in everyday questions as less distinctive than an integrity word', () => {
    const background = everydayBackground(EVERYDAY, []);
    const party = termSpecificity(6, 20, background, stem('party'));
    const gift = termSpecificity(6, 20, background, stem('gift'));
    assert.ok(party < 0.5 && gift > 0.75, `party ${party}, gift ${gift}`);
    assert.equal(termSpecificity(0, 100, { documents: 100, frequency: new Map() }, 'x'), 0.5);
  });

  it('is less confident when the match rests on everyday words', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP, POLITICS]);
    writeEveryday(dir, EVERYDAY);
    const loaded = loadKnowledge(dir);
    assert.ok(loaded.ok);
    assert.equal(loaded.value.everyday?.length, EVERYDAY.length);
    const plain = createSearchIndex(loaded.value.articles, loaded.value.synonyms);
    const withBackground = createSearchIndexFor(loaded.value);
    const question = 'what time does the christmas party start';
    const before = plain.search(question)[0];
    const after = withBackground.search(question)[0];
    assert.equal(after?.article.id, 'politics');
    assert.ok(before !== undefined && after !== undefined);
    assert.ok(after.signals.specificity < before.signals.specificity);
    assert.ok(after.confidence < before.confidence);
    // A match on integrity words the everyday questions never use counts as more distinctive.
    const gift = withBackground.search('can i keep a gift from a supplier')[0];
    assert.equal(gift?.article.id, 'gifts');
    assert.ok((gift?.signals.specificity ?? 0) > after.signals.specificity);
  });

  it('never counts a number as what makes a question an integrity one', () => {
    const dir = writeKnowledge([
      GIFTS,
      SECONDARY,
      SPEAKING_UP,
      { ...POLITICS, questions: [...POLITICS.questions, 'what changes for the 2026 election'] },
    ]);
    // A larger everyday background, so a term it never uses reads as distinctive.
    const things = ['payslip', 'locker', 'printer', 'parking', 'laptop', 'timesheet', 'badge', 'desk'];
    const asks = ['where do i find my', 'how do i fix my', 'who do i ask about my', 'can i get a new'];
    writeEveryday(dir, [...EVERYDAY, ...things.flatMap((t) => asks.map((a) => `${a} ${t}`))]);
    const loaded = loadKnowledge(dir);
    assert.ok(loaded.ok);
    const index = createSearchIndexFor(loaded.value);
    // "2026" is used only by the politics article, yet the question is about payroll.
    const hit = index.search('when is payday in 2026')[0];
    assert.ok(hit === undefined || hit.signals.specificity < 0.5, JSON.stringify(hit?.signals));
  });

  it('refuses an everyday questions file with an in-scope line', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    writeEveryday(dir, ['when is payday'], ['gifts']);
    const loaded = loadKnowledge(dir);
    assert.equal(loaded.ok, false);
  });

  it('sends a short question that only names a topic to the article heading it', () => {
    const selling: FixtureArticle = {
      ...SHARES,
      id: 'selling-shares',
      title: 'Selling shares before a decision',
      questions: [
        'when do i have to sell shares',
        'must i sell my shares before the decision',
        'selling shares in a regulated company',
        'should i sell my investments',
        'do i sell or disclose my shares',
        'selling a shareholding',
      ],
    };
    for (const head of ['shares', 'selling-shares']) {
      const articles = [SHARES, selling].map((a) => (a.id === head ? { ...a, headOf: ['shares'] } : a));
      const loaded = loadKnowledge(writeKnowledge([...articles, SPEAKING_UP]));
      assert.ok(loaded.ok, loaded.ok ? '' : loaded.problems.join('\n'));
      assert.deepEqual(lintKnowledge(loaded.value), []);
      const index = createSearchIndexFor(loaded.value);
      assert.equal(index.search('shares')[0]?.article.id, head);
    }
  });

  it('lint refuses a topic headed by two articles', () => {
    const loaded = loadKnowledge(
      writeKnowledge([
        { ...GIFTS, headOf: ['gifts'] },
        { ...SECONDARY, headOf: ['Gifts'] },
        SPEAKING_UP,
      ]),
    );
    assert.ok(loaded.ok);
    assert.ok(lintKnowledge(loaded.value).some((p) => p.includes('headOf "Gifts"')));
  });
});
