import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CARD_VERSION,
  MAX_CARD_BYTES,
  createCardRenderer,
  defineCard,
} from '../../../src/cards/render';

const DIR = 'adaptive-cards';
const templates = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));

describe('card templates', () => {
  const renderer = createCardRenderer(DIR);

  it('has a sample data file beside every template', () => {
    for (const file of templates) {
      const sample = file.replace(/\.json$/, '.data.json');
      assert.ok(readdirSync(DIR).includes(sample), `${file} has no ${sample}`);
    }
  });

  for (const file of templates) {
    const name = file.replace(/\.json$/, '');
    it(`${name}: renders its sample completely, as Adaptive Cards ${CARD_VERSION}, under the size limit`, () => {
      const data = JSON.parse(readFileSync(join(DIR, `${name}.data.json`), 'utf8')) as object;
      const card = renderer.render(defineCard<object>(name), data);
      const json = JSON.stringify(card);
      assert.equal(card.version, CARD_VERSION);
      assert.doesNotMatch(json, /\$\{/, 'an expression was left unexpanded');
      assert.ok(Buffer.byteLength(json) < MAX_CARD_BYTES);
    });
  }

  it('substitutes user text literally and never evaluates it', () => {
    const card = renderer.render(defineCard<{ title: string; message: string }>('error'), {
      title: '${message}',
      message: "${join(createArray('a'), '')}",
    });
    const json = JSON.stringify(card);
    assert.match(json, /\$\{message\}/);
    assert.match(json, /createArray/);
  });

  it('refuses an unknown template name', () => {
    assert.throws(
      () => renderer.render(defineCard<object>('no-such-card'), {}),
      /unknown card template/,
    );
  });
});
