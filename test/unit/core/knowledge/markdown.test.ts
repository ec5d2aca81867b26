import { strict as assert } from 'node:assert';
import { toPlainText, toTeamsBlocks } from '../../../../src/core/knowledge/markdown';

describe('knowledge Markdown for Teams', () => {
  const body = `Intro paragraph that
wraps over two lines.

## What to do next

1. Talk to your **manager**.
2. Read [the guidance](https://example.govt.nz/guide).
- a bullet
  that continues`;

  it('turns headings into bold blocks and keeps lists one item per line', () => {
    const blocks = toTeamsBlocks(body);
    assert.deepEqual(blocks[0], { heading: false, text: 'Intro paragraph that wraps over two lines.' });
    assert.deepEqual(blocks[1], { heading: true, text: 'What to do next' });
    assert.equal(
      blocks[2]?.text,
      '1. Talk to your **manager**.\n2. Read [the guidance](https://example.govt.nz/guide).\n- a bullet that continues',
    );
    assert.ok(blocks.every((b) => !b.text.includes('#') && !b.text.includes('|')));
  });

  it('gives plain text without Markdown marks for clients without cards', () => {
    const text = toPlainText(body);
    assert.match(text, /Talk to your manager\./);
    assert.match(text, /the guidance \(https:\/\/example\.govt\.nz\/guide\)/);
    assert.doesNotMatch(text, /##|\*\*/);
  });
});
