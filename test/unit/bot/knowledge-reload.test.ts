import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKnowledgeReload } from '../../../src/bot/knowledge-reload';
import { KnowledgeConfigSchema } from '../../../src/core/knowledge/config';
import { createKnowledgeService } from '../../../src/core/knowledge/service';
import { captureLogs } from '../../support/logs';
import {
  articleSource,
  GIFTS,
  SECONDARY,
  SPEAKING_UP,
  writeKnowledge,
} from '../core/knowledge/fixtures';

describe('knowledge reload on SIGHUP', () => {
  it('reloads on SIGHUP, refuses a failing knowledge base, and stops listening when stopped', () => {
    const dir = writeKnowledge([GIFTS, SECONDARY, SPEAKING_UP]);
    const built = createKnowledgeService({ config: KnowledgeConfigSchema.parse({ dir }) });
    assert.ok(built.ok);
    const knowledge = built.value;
    const logs = captureLogs();
    const listeners = process.listenerCount('SIGHUP');
    const stop = startKnowledgeReload({
      knowledge,
      dir,
      log: logs.log,
      watchFiles: false,
      onSighup: true,
    });
    try {
      writeFileSync(
        join(dir, 'articles', 'gifts.md'),
        articleSource({ ...GIFTS, title: 'Gifts (v2)' }),
      );
      process.emit('SIGHUP', 'SIGHUP');
      assert.equal(knowledge.current().version, 2);
      assert.equal(knowledge.article('gifts')?.title, 'Gifts (v2)');
      writeFileSync(
        join(dir, 'articles', 'gifts.md'),
        articleSource({ ...GIFTS, related: ['gone'] }),
      );
      process.emit('SIGHUP', 'SIGHUP');
      assert.equal(knowledge.current().version, 2);
      assert.ok(logs.lines().some((l) => l.msg?.toString().includes('reload refused')));
    } finally {
      stop();
    }
    assert.equal(process.listenerCount('SIGHUP'), listeners);
  });
});
