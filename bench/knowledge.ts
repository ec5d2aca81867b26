// Knowledge search: latency on the real 45-article knowledge base and on a generated 5,000-article
// one, index build time and memory; plus questions answered over HTTP in-process.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/core/knowledge/article';
import { KnowledgeConfigSchema } from '../src/core/knowledge/config';
import { decide } from '../src/core/knowledge/decide';
import { loadKnowledge } from '../src/core/knowledge/loader';
import { createSearchIndex, type SearchIndex } from '../src/core/knowledge/search-index';
import { loadSnapshot } from '../src/core/knowledge/service';
import type { SynonymGroups } from '../src/core/knowledge/synonyms';
import { trainTopicModelOf } from '../src/core/knowledge/topic-classifier';
import { activityFor } from '../test/support/conversation';
import { testConfig } from '../test/support/config';
import { postActivity, startTestBot } from '../test/support/http';
import { STAFF_A } from '../test/support/users';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Deterministic pseudo-random numbers, so every run generates the same knowledge base. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'ten',
  'sa',
  'lo',
  'vi',
  'dra',
  'pu',
  'nel',
  'ar',
  'qui',
  'to',
  'mes',
  'ban',
  'fi',
];

/** A made-up word for a number: distinct numbers give distinct words (no digits, so they are terms). */
function wordFor(n: number): string {
  let out = '';
  let rest = n;
  do {
    out += SYLLABLES[rest % SYLLABLES.length] ?? '';
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return `${out}x`;
}

/**
 * 5,000 articles built from the real ones: each gets three topic words of its own and two from a
 * shared pool of 20,000, so the vocabulary grows the way a real, larger knowledge base's would.
 */
function generate(base: readonly Article[], count: number): Article[] {
  const next = random(42);
  const pool = () => wordFor(100_000 + Math.floor(next() * 20_000));
  return Array.from({ length: count }, (_, i) => {
    const source = base[i % base.length] as Article;
    const topic = [wordFor(3 * i), wordFor(3 * i + 1), wordFor(3 * i + 2), pool(), pool()];
    const tag = (text: string, k: number) => `${text} ${topic[k % topic.length] ?? ''}`;
    return {
      ...source,
      id: `${source.id}-${i}`,
      title: tag(source.title, 0),
      questions: source.questions.map((q, k) => (k % 2 === 0 ? tag(q, k) : q)),
      keywords: [...source.keywords, ...topic],
      related: [],
      body: `${source.body}\n\n${topic.join(' ')} ${pool()} ${pool()}`,
      file: `${source.id}-${i}.md`,
    };
  });
}

function measureSearch(
  index: SearchIndex,
  questions: readonly string[],
  rounds: number,
  run: (index: SearchIndex, q: string) => unknown = (i, q) => i.search(q, 3),
) {
  for (const q of questions) run(index, q); // warm-up (and typo corrections cached as in use)
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of questions) {
      const t0 = performance.now();
      run(index, q);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? 0,
    n: times.length,
  };
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function bench(print: (line: string) => void): Promise<void> {
  print('## Knowledge search');
  const questions = readFileSync('knowledge/tests/golden.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question);

  let t0 = performance.now();
  const snapshot = loadSnapshot('knowledge', 1, new Date());
  const loadMs = performance.now() - t0;
  const loaded = loadKnowledge('knowledge');
  if (!snapshot.ok || !loaded.ok) throw new Error('the committed knowledge base does not load');
  const { articles, synonyms } = loaded.value;
  t0 = performance.now();
  const small = createSearchIndex(articles, synonyms);
  const smallBuildMs = performance.now() - t0;
  t0 = performance.now();
  trainTopicModelOf(loaded.value);
  const trainMs = performance.now() - t0;
  const s = measureSearch(small, questions, 20);
  print(
    `45 articles: load + lint + index + classifier ${loadMs.toFixed(0)} ms (index alone ${smallBuildMs.toFixed(0)} ms, topic classifier alone ${trainMs.toFixed(0)} ms), ${small.vocabularySize} terms`,
  );
  print(
    `  search p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms, max ${s.max.toFixed(2)} ms over ${s.n} searches`,
  );
  const { thresholds } = KnowledgeConfigSchema.parse({}); // the defaults are the shipped values
  const d = measureSearch(snapshot.value.index, questions, 20, (index, q) =>
    decide(index, q, { thresholds, maxSuggestions: 3 }),
  );
  print(
    `  whole decision (search, and the topic classifier when search is unsure) p50 ${d.p50.toFixed(3)} ms, p99 ${d.p99.toFixed(3)} ms over ${d.n} questions`,
  );

  const big = generate(articles, 5000);
  const before = heapMiB();
  t0 = performance.now();
  const large = buildLarge(big, synonyms);
  const largeBuildMs = performance.now() - t0;
  const heap = heapMiB() - before;
  const l = measureSearch(large, questions, 5);
  print(
    `5,000 generated articles: index build ${largeBuildMs.toFixed(0)} ms, ${large.vocabularySize} terms, heap +${heap.toFixed(0)} MiB`,
  );
  print(
    `  search p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms (goal < 5 ms), max ${l.max.toFixed(2)} ms over ${l.n} searches`,
  );

  print('');
  print(
    '## Knowledge: questions answered over HTTP (in-process server, sequential, expectReplies)',
  );
  // One synthetic user asks every question: lift the per-person quota so none is throttled.
  const bot = await startTestBot({ config: testConfig({ env: { MESSAGES_PER_MINUTE: '10000' } }) });
  try {
    const times: number[] = [];
    const sample = questions.slice(0, 200);
    for (const [i, text] of sample.entries()) {
      const t = performance.now();
      const result = await postActivity(
        bot.url,
        activityFor(STAFF_A, { type: 'message', text, id: `bench-${i}` }),
      );
      if (result.status !== 200) throw new Error(`HTTP ${result.status}`);
      times.push(performance.now() - t);
    }
    const total = times.reduce((a, b) => a + b, 0);
    times.sort((a, b) => a - b);
    print(
      `  ${sample.length} questions: ${((sample.length / total) * 1000).toFixed(0)} turns/s, p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
    );
  } finally {
    await bot.stop();
  }
}

function buildLarge(big: Article[], synonyms: SynonymGroups): SearchIndex {
  return createSearchIndex(big, synonyms);
}

if (require.main === module) {
  bench((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
