import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod/v4';
import { EscalationsConfigSchema } from '../../../../src/core/escalations/config';
import { buildFaqDraft, createFileFaqDraftSink } from '../../../../src/core/escalations/faq-draft';
import { computeStats, formatDuration, median } from '../../../../src/core/escalations/stats';
import type { Ticket } from '../../../../src/core/escalations/ticket';
import { ArticleFrontMatterSchema } from '../../../../src/core/knowledge/article';
import { tempDir } from '../../../support/config';

const base: Ticket = {
  ref: 'INT-000001',
  askerId: 'staff-a',
  askerName: 'Aroha Staff',
  anonymous: false,
  question: 'can i keep the wine a supplier gave me?',
  context: null,
  topic: 'gifts',
  urgency: 'normal',
  articleId: 'gifts-accepting',
  state: 'new',
  assigneeId: null,
  assigneeName: null,
  infoRequest: null,
  infoReply: null,
  answer: null,
  answeredByName: null,
  followUp: null,
  createdAt: new Date('2026-11-23T00:00:00Z'),
  updatedAt: new Date('2026-11-23T00:00:00Z'),
  unassignedSince: null,
  firstResponseAt: null,
  answeredAt: null,
  closedAt: null,
  closedBy: null,
  reminderPeriod: 0,
  channelMessageId: null,
  faqDraftId: null,
  version: 1,
};

const at = (iso: string) => new Date(iso);

describe('ticket stats', () => {
  const config = EscalationsConfigSchema.parse({});

  it('counts by state and topic and takes the median time to first response', () => {
    const tickets: Ticket[] = [
      { ...base, ref: 'INT-000001' },
      {
        ...base,
        ref: 'INT-000002',
        state: 'answered',
        firstResponseAt: at('2026-11-23T01:00:00Z'),
      },
      {
        ...base,
        ref: 'INT-000003',
        state: 'closed',
        topic: 'conflicts',
        firstResponseAt: at('2026-11-23T03:00:00Z'),
      },
      {
        ...base,
        ref: 'INT-000004',
        state: 'awaiting_info',
        anonymous: true,
        askerName: null,
        firstResponseAt: at('2026-11-23T02:00:00Z'),
      },
    ];
    const stats = computeStats(tickets, config, at('2026-11-24T00:00:00Z'));
    assert.equal(stats.total, 4);
    assert.deepEqual(stats.byState, {
      new: 1,
      assigned: 0,
      awaiting_info: 1,
      answered: 1,
      closed: 1,
    });
    assert.equal(stats.byTopic.find((t) => t.topic === 'gifts')?.count, 3);
    assert.equal(stats.byTopic.find((t) => t.topic === 'conflicts')?.count, 1);
    assert.equal(stats.byTopic.find((t) => t.topic === 'fraud')?.count, 0);
    assert.equal(stats.medianFirstResponseMs, 2 * 60 * 60 * 1000);
    assert.equal(stats.oldestOpenMs, 24 * 60 * 60 * 1000);
    assert.equal(stats.anonymousShare, 0.25);
    const json = JSON.stringify(stats);
    for (const personal of ['staff-a', 'Aroha', 'wine', 'INT-0000'])
      assert.ok(!json.includes(personal), personal);
  });

  it('takes medians of odd and even counts and formats durations', () => {
    assert.equal(median([]), null);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(formatDuration(45 * 60_000), '45 min');
    assert.equal(formatDuration(200 * 60_000), '3 h 20 min');
    assert.equal(formatDuration(52 * 60 * 60_000), '2 d 4 h');
  });
});

describe('FAQ drafts', () => {
  const answered: Ticket = {
    ...base,
    state: 'answered',
    answer:
      'Thank them, but decline it: gifts from current suppliers create an expectation. Record the offer in the gifts register.\n\nIf declining would cause offence, accept on behalf of the agency and hand it to your manager.',
    answeredByName: 'Wiremu Adviser',
  };

  it('uses the articles’ front-matter format, needs review, with the question and the answer', () => {
    const draft = buildFaqDraft(answered, {
      focusArea: 'conflicts',
      topic: 'gifts',
      today: '2026-11-26',
      owner: 'Integrity team',
    });
    assert.equal(draft.id, 'faq-int-000001');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(draft.markdown);
    assert.ok(match);
    assert.match(match[1] ?? '', /^# Draft from adviser ticket INT-000001/);
    // Every field the article schema knows, and nothing else; only the curator's minimums are relaxed.
    const relaxed = ArticleFrontMatterSchema.extend({
      questions: z.array(z.string()).min(1),
      sources: z.array(z.unknown()),
    });
    const front = relaxed.parse(parse(match[1] ?? ''));
    assert.equal(front.reviewStatus, 'needs-review');
    assert.deepEqual(front.questions, ['can i keep the wine a supplier gave me?']);
    assert.equal(front.title, 'Can i keep the wine a supplier gave me?');
    assert.ok(front.summary.length <= 300);
    assert.match(front.summary, /^Thank them, but decline it/);
    assert.deepEqual(front.related, ['gifts-accepting']);
    assert.equal(front.form, 'none');
    assert.equal(front.lastReviewed, '2026-11-26');
    assert.equal(match[2], `${answered.answer ?? ''}\n`);
  });

  it('never overwrites a draft a curator is working on', async () => {
    const dir = tempDir('drafts-');
    const sink = createFileFaqDraftSink(join(dir, 'drafts'));
    const draft = buildFaqDraft(answered, {
      focusArea: 'conflicts',
      topic: 'gifts',
      today: '2026-11-26',
      owner: 'Integrity team',
    });
    assert.equal(await sink.write(draft), 'written');
    assert.equal(await sink.write({ ...draft, markdown: 'changed' }), 'exists');
    assert.equal(readFileSync(join(dir, 'drafts', 'faq-int-000001.md'), 'utf8'), draft.markdown);
  });
});
