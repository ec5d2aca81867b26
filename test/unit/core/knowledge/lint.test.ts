import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintKnowledge } from '../../../../src/core/knowledge/lint';
import { EXAMPLES_FILE, loadKnowledge } from '../../../../src/core/knowledge/loader';
import { articleSource, GIFTS, SECONDARY, SPEAKING_UP, writeKnowledge } from './fixtures';

function lint(dir: string): string[] {
  const loaded = loadKnowledge(dir);
  return loaded.ok ? lintKnowledge(loaded.value) : loaded.problems;
}

describe('knowledge lint', () => {
  it('passes the committed knowledge base', () => {
    assert.deepEqual(lint('knowledge'), []);
  });

  it('passes a well-formed fixture', () => {
    assert.deepEqual(lint(writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP])), []);
  });

  it('reports schema problems with the file and field', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    writeFileSync(
      join(dir, 'articles', 'gifts.md'),
      articleSource({ ...GIFTS, questions: ['only one'], summary: 'x'.repeat(301) }),
    );
    const problems = lint(dir);
    assert.ok(problems.some((p) => p.startsWith('gifts.md: questions')));
    assert.ok(problems.some((p) => p.startsWith('gifts.md: summary')));
  });

  it('reports unresolvable related ids, duplicate questions, bad links and body problems', () => {
    const dir = writeKnowledge([
      { ...GIFTS, related: ['nope'] },
      { ...SECONDARY, questions: [...SECONDARY.questions, 'a vendor sent me a christmas hamper'] },
      {
        ...SPEAKING_UP,
        body: 'Too short. | a | table |\n\n### Deep heading\n\n[bad](not-a-url) <b>html</b>',
      },
    ]);
    const problems = lint(dir);
    const has = (re: RegExp) => assert.ok(problems.some((p) => re.test(p)), `${re}\n${problems.join('\n')}`);
    has(/gifts\.md: related id "nope" does not exist/);
    has(/secondary\.md: question "a vendor sent me a christmas hamper" is also in gifts/);
    has(/speaking-up\.md: body has \d+ words/);
    has(/speaking-up\.md: body line \d+: use headings no deeper than ##/);
    has(/speaking-up\.md: body line \d+: link "bad" has a malformed URL/);
    has(/speaking-up\.md: body line \d+: HTML is not allowed/);
    has(/speaking-up\.md: body needs a "## What to do next" section/);
  });

  it('reports a duplicate id and a file name that does not match the id', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    writeFileSync(join(dir, 'articles', 'copy.md'), articleSource(GIFTS).replace(/can i keep/g, 'may i keep').replace(/\n {2}- a /g, '\n  - the '));
    const problems = lint(dir);
    assert.ok(problems.some((p) => /id "gifts" is also used by copy\.md/.test(p)));
    assert.ok(problems.some((p) => /copy\.md: the file name must be the id/.test(p)));
  });

  it('reports a synonym listed in two groups and unparseable YAML', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP], [['coi', 'conflict'], ['COI', 'interest']]);
    assert.ok(lint(dir).some((p) => /synonyms\.yaml: "COI" is in group 1 and group 2/.test(p)));
    writeFileSync(join(dir, 'articles', 'gifts.md'), '---\nid: [unclosed\n---\nbody');
    assert.ok(lint(dir).some((p) => /gifts\.md: YAML/.test(p)));
  });

  it('reports an example question naming no article, or an article that does not exist', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    const examples = join(dir, EXAMPLES_FILE);
    writeFileSync(examples, `${JSON.stringify({ question: 'my mate sent me a crate of beer', expect: ['presents'] })}\n`);
    assert.deepEqual(lint(dir), [
      `${EXAMPLES_FILE}: "my mate sent me a crate of beer" names article "presents", which does not exist`,
    ]);
    writeFileSync(examples, `${JSON.stringify({ question: 'when is payday', expect: [] })}\n`);
    assert.ok(lint(dir).some((p) => p.startsWith(`${EXAMPLES_FILE}: every question needs the article`)));
    writeFileSync(examples, `${JSON.stringify({ question: 'a vendor sent me beer', expect: ['gifts'] })}\n`);
    assert.deepEqual(lint(dir), []);
  });

  it('requires the speaking-up article that wrongdoing reports go to', () => {
    assert.ok(lint(writeKnowledge([GIFTS, SECONDARY])).some((p) => /"speaking-up" is required/.test(p)));
  });
});
