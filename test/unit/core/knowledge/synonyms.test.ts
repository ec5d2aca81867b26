import { strict as assert } from 'node:assert';
import { analyse } from '../../../../src/core/knowledge/analyse';
import { createSynonymMatcher, conceptToken } from '../../../../src/core/knowledge/synonyms';
import { loadKnowledge } from '../../../../src/core/knowledge/loader';

describe('knowledge synonyms', () => {
  const matcher = createSynonymMatcher([
    ['conflict of interest', 'coi'],
    ['secondary employment', 'second job', 'side hustle'],
    ['whānau', 'whanau', 'family'],
    ['gifts and hospitality', 'g&h'],
  ]);

  it('turns every member of a group into the same concept, phrases included', () => {
    const a = analyse('I have a COI', matcher).queryTerms;
    const b = analyse('is this a conflict of interest', matcher).queryTerms;
    assert.ok(a.includes(conceptToken(0)));
    assert.ok(b.includes(conceptToken(0)));
    assert.ok(analyse('can i have a side hustle', matcher).queryTerms.includes(conceptToken(1)));
    assert.ok(analyse('my second jobs', matcher).queryTerms.includes(conceptToken(1)));
  });

  it('matches te reo words with or without macrons, and symbols like G&H', () => {
    assert.ok(analyse('my whanau', matcher).queryTerms.includes(conceptToken(2)));
    assert.ok(analyse('my whānau', matcher).queryTerms.includes(conceptToken(2)));
    assert.ok(analyse('G&H register', matcher).queryTerms.includes(conceptToken(3)));
  });

  it('counts a phrase once in a question, but keeps its words in articles', () => {
    const analysed = analyse('conflict of interest', matcher);
    assert.deepEqual(analysed.queryTerms, [conceptToken(0)]);
    assert.ok(analysed.terms.includes('conflict'));
  });

  it('the committed synonyms cover the abbreviations staff use', () => {
    const loaded = loadKnowledge('knowledge');
    assert.ok(loaded.ok);
    const committed = createSynonymMatcher(loaded.value.synonyms);
    const concept = (text: string) => analyse(text, committed).queryTerms.find((t) => t.startsWith('~'));
    const pairs: [string, string][] = [
      ['COI', 'conflict of interest'],
      ['G&H', 'gifts and hospitality'],
      ['PDA', 'whistleblowing'],
      ['SFO', 'serious fraud office'],
      ['OIA', 'official information act'],
      ['side hustle', 'second job'],
      ['freebie', 'gift'],
      ['grease payment', 'facilitation payment'],
      ['whānau', 'whanau'],
      ['kaumātua', 'kaumatua'],
    ];
    for (const [a, b] of pairs) {
      assert.ok(concept(a) !== undefined, a);
      assert.equal(concept(a), concept(b), `${a} ~ ${b}`);
    }
  });
});
