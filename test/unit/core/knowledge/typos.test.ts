import { strict as assert } from 'node:assert';
import { createTypoCorrector, editDistance } from '../../../../src/core/knowledge/typos';

describe('knowledge typo correction', () => {
  const known = new Map([
    ['fraud', 40],
    ['declare', 30],
    ['interest', 50],
    ['conflict', 60],
    ['part', 5],
    ['secondary', 8],
    ['employment', 9],
    ['declared', 2],
  ]);
  const correct = createTypoCorrector(known, (w) => w === 'holidays');

  it('counts a swapped pair of letters as one edit', () => {
    assert.equal(editDistance('decalre', 'declare', 2), 1);
    assert.equal(editDistance('frud', 'fraud', 1), 1);
    assert.equal(editDistance('merge', 'interest', 2), 3);
  });

  it('corrects near misses of known words, short and long', () => {
    assert.equal(correct('frud'), 'fraud');
    assert.equal(correct('decalre'), 'declare');
    assert.equal(correct('interst'), 'interest');
    assert.equal(correct('conflcit'), 'conflict');
    assert.equal(correct('secondery'), 'secondary');
  });

  it('leaves known words, other forms of known words and unrelated words alone', () => {
    assert.equal(correct('declared'), 'declared');
    assert.equal(correct('holidays'), 'holidays');
    assert.equal(correct('password'), 'password');
    assert.equal(correct('weather'), 'weather');
  });

  it('does not turn a short word into another by changing one letter or the first letter', () => {
    assert.equal(correct('park'), 'park');
    assert.equal(correct('wart'), 'wart');
  });
});
