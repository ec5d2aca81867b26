import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeConfigSchema } from '../../../../src/core/knowledge/config';
import { createKnowledgeService } from '../../../../src/core/knowledge/service';
import { articleSource, GIFTS, SECONDARY, SPEAKING_UP, writeKnowledge } from './fixtures';

const configFor = (dir: string) =>
  KnowledgeConfigSchema.parse({ dir, thresholds: { answer: 0.7, suggest: 0.35, suggestScenario: 0.2, agree: 0.95, suggestTopic: 1, margin: 0.02 } });

describe('knowledge config', () => {
  it('refuses bands out of order, naming the threshold', () => {
    const bad = (thresholds: object) => {
      const parsed = KnowledgeConfigSchema.safeParse({ thresholds });
      assert.equal(parsed.success, false);
      return parsed.error?.issues[0]?.path.join('.');
    };
    assert.equal(bad({ answer: 0.3, suggest: 0.4 }), 'thresholds.suggest');
    assert.equal(bad({ suggest: 0.3, suggestScenario: 0.4 }), 'thresholds.suggestScenario');
    assert.equal(KnowledgeConfigSchema.parse({}).thresholds.suggestScenario, 0.15);
  });
});

describe('knowledge service and reload', () => {
  it('refuses to start on a knowledge base that fails lint, listing the problems', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY]);
    const built = createKnowledgeService({ config: configFor(dir) });
    assert.equal(built.ok, false);
    assert.ok(!built.ok && built.problems.some((p) => p.includes('speaking-up')));
  });

  it('reloads a changed knowledge base by swapping the whole snapshot', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    const built = createKnowledgeService({ config: configFor(dir) });
    assert.ok(built.ok);
    const service = built.value;
    const before = service.current();
    writeFileSync(
      join(dir, 'articles', 'gifts.md'),
      articleSource({ ...GIFTS, title: 'Gifts, hospitality and koha (updated)' }),
    );
    const result = service.reload();
    assert.ok(result.ok);
    assert.equal(service.current().version, before.version + 1);
    assert.equal(service.article('gifts')?.title, 'Gifts, hospitality and koha (updated)');
    // A turn holding the old snapshot still sees the old, consistent content.
    assert.equal(before.index.byId('gifts')?.title, GIFTS.title);
  });

  it('keeps the old knowledge base live when a reload fails lint', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    const built = createKnowledgeService({ config: configFor(dir) });
    assert.ok(built.ok);
    const service = built.value;
    writeFileSync(join(dir, 'articles', 'gifts.md'), articleSource({ ...GIFTS, related: ['missing'] }));
    rmSync(join(dir, 'articles', 'secondary.md'));
    const result = service.reload();
    assert.equal(result.ok, false);
    assert.equal(service.current().version, 1);
    assert.ok(service.article('secondary'));
    assert.equal(service.ask('can i keep the wine a supplier gave me').status, 'answer');
  });
});
