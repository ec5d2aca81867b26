import { strict as assert } from 'node:assert';
import { foldText, nzSpelling, stem, terms, words } from '../../../../src/core/knowledge/normalise';

describe('knowledge normalisation', () => {
  it('folds case, punctuation and macrons', () => {
    assert.equal(foldText('Whānau, KAUMĀTUA & Pōwhiri!'), 'whanau kaumatua and powhiri');
    assert.equal(foldText('Tēnā koe — what’s a “COI”?'), 'tena koe whats a coi');
  });

  it('joins dotted abbreviations and apostrophes inside words', () => {
    assert.equal(foldText('c.o.i. e.g.'), 'coi eg');
    assert.equal(foldText("I've got my partner's shares"), 'ive got my partners shares');
  });

  it('maps US spellings to NZ ones', () => {
    assert.deepEqual(words('organization behavior analyze center defense program'), [
      'organisation',
      'behaviour',
      'analyse',
      'centre',
      'defence',
      'programme',
    ]);
    assert.equal(nzSpelling('prioritize'), 'prioritise');
    assert.equal(nzSpelling('size'), 'size');
  });

  it('stems plurals and verb forms to the same term', () => {
    assert.equal(stem('gifts'), stem('gift'));
    assert.equal(stem('declaring'), stem('declare'));
    assert.equal(stem('declared'), stem('declaration'));
    assert.equal(stem('bullied'), stem('bullying'));
    assert.equal(stem('neutrality'), stem('neutral'));
    assert.equal(stem('disclosure'), stem('disclose'));
  });

  it('drops stop words but keeps question words that carry intent', () => {
    assert.deepEqual(terms('Can I keep the gifts?'), ['keep', 'gift']);
    assert.ok(terms('how do i declare').includes('how'));
    assert.deepEqual(terms('when and where is it'), []);
  });

  it('does not stem distinct words into one (a secondment is not a second job)', () => {
    assert.notEqual(stem('secondment'), stem('second'));
    assert.equal(stem('secondments'), stem('secondment'));
  });
});
