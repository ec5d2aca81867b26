import { strict as assert } from 'node:assert';
import {
  fitConfidenceModel,
  type CalibrationSample,
} from '../../../../src/core/knowledge/calibrate';
import {
  CONFIDENCE_MODEL,
  confidenceOf,
  lengthFeature,
  type HitSignals,
} from '../../../../src/core/knowledge/search-index';

const BASE: HitSignals = {
  relevance: 0.5,
  runnerUp: 0.2,
  curatedCoverage: 0.5,
  coverage: 0.5,
  phrasing: 0.5,
  unknown: 0,
  terms: 4,
  specificity: 0.8,
};

describe('knowledge confidence model', () => {
  it('grows with question length from 0 for one term to 1 at sixteen', () => {
    assert.equal(lengthFeature(1), 0);
    assert.equal(lengthFeature(16), 1);
    assert.equal(lengthFeature(40), 1);
    assert.ok(lengthFeature(4) > lengthFeature(2) && lengthFeature(8) > lengthFeature(4));
  });

  it('fits every weight the search uses and learns which signal tells right from wrong', () => {
    // Long questions are right answers, short ones wrong, everything else equal.
    const samples: CalibrationSample[] = [];
    for (let i = 0; i < 40; i += 1) {
      samples.push({ signals: { ...BASE, terms: 12 + (i % 4) }, label: 1 });
      samples.push({ signals: { ...BASE, terms: 1 + (i % 2) }, label: 0 });
    }
    const model = fitConfidenceModel(samples);
    assert.deepEqual(Object.keys(model).sort(), Object.keys(CONFIDENCE_MODEL).sort());
    assert.ok(model.length > 0, JSON.stringify(model));
    const long = confidenceOf({ ...BASE, terms: 14 }, model);
    const short = confidenceOf({ ...BASE, terms: 2 }, model);
    assert.ok(long > 0.5 && short < 0.5, `long ${long}, short ${short}`);
  });
});
