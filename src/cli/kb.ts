// Curators' tools: `npm run kb -- lint | ask "<question>" [--json] | eval <file.jsonl> [--json] | report | drafts`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadConfig, type AppConfig } from '../config/load-config';
import {
  calibrationSamples,
  fitConfidenceModel,
  labelledSamples,
} from '../core/knowledge/calibrate';
import {
  decisionJson,
  evaluate,
  parseEvalFile,
  type EvalCase,
  type EvalResult,
} from '../core/knowledge/eval';
import { createLearningLoop } from '../core/knowledge/learning';
import { lintKnowledge } from '../core/knowledge/lint';
import { loadKnowledge } from '../core/knowledge/loader';
import {
  createKnowledgeService,
  createSearchIndexFor,
  type KnowledgeService,
} from '../core/knowledge/service';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store';

const USAGE = `Usage: npm run kb -- <command>
  lint                          check every article and the synonyms; exits 1 on any problem
  ask "<question>" [--json]     the bot's decision for one question
  eval <file.jsonl> [--json]    score a question set: {"question": "...", "expect": ["id", ...]} per line
       [--min-top1 N] [--min-decline N] [--max-wrong N]   exit 1 when a rate is worse than N (0 to 1)
  report [--limit N]            unanswered and not-helpful questions, most frequent first
  drafts                        draft articles written from advisers' answers, waiting for a curator
  calibrate [--with <file.jsonl>] [--with-half <file.jsonl>] [--with-odd-half <file.jsonl>]
                                refit the confidence model (slow: searches every alternate question
                                with that question left out); prints weights for search-index.ts`;

type Out = (line: string) => void;

function flag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
}

function config(err: Out): AppConfig | undefined {
  const loaded = loadConfig(process.env);
  if (loaded.ok) return loaded.value;
  err('Configuration problems:');
  for (const p of loaded.problems) err(`  - ${p}`);
  return undefined;
}

function service(cfg: AppConfig, err: Out): KnowledgeService | undefined {
  const built = createKnowledgeService({ config: cfg.agency.knowledge });
  if (built.ok) return built.value;
  err(`The knowledge base in ${cfg.agency.knowledge.dir} does not pass lint:`);
  for (const p of built.problems) err(`  - ${p}`);
  return undefined;
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function describe(result: EvalResult): string {
  const got =
    result.status === 'answer'
      ? result.articleId
      : result.status === 'suggest'
        ? `suggest ${result.suggestions.map((s) => s.articleId).join(', ')}`
        : 'none';
  const want = result.expect.length === 0 ? 'decline' : result.expect.join(' | ');
  return `${result.outcome.padEnd(21)} ${result.confidence.toFixed(2)}  ${result.question}\n${' '.repeat(28)}got ${got}; want ${want}`;
}

export async function main(argv: string[], out: Out, err: Out): Promise<number> {
  const args = [...argv];
  const command = args.shift();
  switch (command) {
    case 'lint': {
      const cfg = config(err);
      if (!cfg) return 2;
      const dir = cfg.agency.knowledge.dir;
      const loaded = loadKnowledge(dir);
      const problems = loaded.ok ? lintKnowledge(loaded.value) : loaded.problems;
      if (problems.length > 0) {
        for (const p of problems) err(p);
        err(`${problems.length} problem(s) in ${dir}`);
        return 1;
      }
      if (loaded.ok) {
        out(
          `OK: ${loaded.value.articles.length} articles, ${loaded.value.synonyms.length} synonym groups in ${dir}`,
        );
      }
      return 0;
    }
    case 'ask': {
      const json = flag(args, '--json');
      const question = args.join(' ').trim();
      if (question === '') {
        err(USAGE);
        return 2;
      }
      const cfg = config(err);
      const kb = cfg && service(cfg, err);
      if (!kb) return 2;
      const decision = decisionJson(kb.ask(question));
      if (json) {
        out(JSON.stringify(decision));
      } else {
        out(`${decision.status} (confidence ${decision.confidence.toFixed(2)})`);
        if (decision.articleId)
          out(`  ${decision.articleId}: ${kb.article(decision.articleId)?.title ?? ''}`);
        for (const s of decision.suggestions)
          out(`  did you mean ${s.articleId} (${s.confidence.toFixed(2)}): ${s.title}`);
      }
      return 0;
    }
    case 'eval': {
      const json = flag(args, '--json');
      const minTop1 = option(args, '--min-top1');
      const minDecline = option(args, '--min-decline');
      const maxWrong = option(args, '--max-wrong');
      const file = args[0];
      if (file === undefined) {
        err(USAGE);
        return 2;
      }
      const parsed = parseEvalFile(readFileSync(file, 'utf8'));
      if (!parsed.ok) {
        for (const p of parsed.problems) err(`${file}: ${p}`);
        return 2;
      }
      const cfg = config(err);
      const kb = cfg && service(cfg, err);
      if (!kb) return 2;
      const { summary, results } = evaluate(parsed.value, (q) => kb.ask(q));
      if (json) {
        out(
          JSON.stringify({
            summary,
            results: results.map((r) => ({
              question: r.question,
              expect: r.expect,
              status: r.status,
              articleId: r.articleId,
              confidence: r.confidence,
              suggestions: r.suggestions,
            })),
          }),
        );
      } else {
        for (const r of results)
          if (r.outcome !== 'correct' && r.outcome !== 'declined') out(describe(r));
        out('');
        out(
          `${summary.total} questions: ${summary.inScope} in scope, ${summary.outOfScope} out of scope`,
        );
        out(`  top-1 accuracy (answered right):   ${pct(summary.top1Accuracy)}`);
        out(`  right article in top 3:            ${pct(summary.top3Rate)}`);
        out(`  in scope but "Did you mean":       ${pct(summary.suggestRate)}`);
        out(`  in scope but "no guidance":        ${pct(summary.noGuidanceRate)}`);
        out(`  out of scope declined:             ${pct(summary.declineRate)}`);
        out(`  wrong confident answers (of all):  ${pct(summary.wrongConfidentRate)}`);
      }
      const failures = [
        minTop1 !== undefined && summary.top1Accuracy < Number(minTop1)
          ? `top-1 below ${minTop1}`
          : '',
        minDecline !== undefined && summary.declineRate < Number(minDecline)
          ? `decline below ${minDecline}`
          : '',
        maxWrong !== undefined && summary.wrongConfidentRate > Number(maxWrong)
          ? `wrong answers above ${maxWrong}`
          : '',
      ].filter((f) => f !== '');
      for (const f of failures) err(`FAIL: ${f}`);
      return failures.length > 0 ? 1 : 0;
    }
    case 'report': {
      const limit = Number(option(args, '--limit') ?? '50');
      const cfg = config(err);
      if (!cfg) return 2;
      const store = openSqliteStore({ dataDir: cfg.env.dataDir });
      try {
        const loop = createLearningLoop(store.learning, {
          retentionDays: cfg.agency.knowledge.learningRetentionDays,
          clock: () => new Date(),
        });
        const purged = await loop.purge();
        const rows = await loop.report(Number.isFinite(limit) && limit > 0 ? limit : 50);
        if (purged > 0)
          out(
            `(${purged} entries older than ${cfg.agency.knowledge.learningRetentionDays} days purged)`,
          );
        if (rows.length === 0)
          out('Nothing to report: no unanswered or unhelpful questions recorded.');
        for (const row of rows) {
          const label =
            row.kind === 'none'
              ? 'unanswered'
              : row.kind === 'suggest'
                ? 'did-you-mean'
                : row.kind === 'comment'
                  ? 'comment'
                  : 'not helpful';
          const article = row.articleId === null ? '' : ` [${row.articleId}]`;
          out(
            `${String(row.count).padStart(4)}  ${label.padEnd(12)} ${row.question ?? '(no question text)'}${article}`,
          );
          for (const comment of row.comments) out(`${' '.repeat(19)}comment: ${comment}`);
        }
        const counts = await store.learning.feedbackCounts();
        if (counts.length > 0) {
          out('');
          out('Feedback by article (helpful / not helpful):');
          for (const c of counts) out(`  ${c.articleId}: ${c.helpful} / ${c.notHelpful}`);
        }
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'drafts': {
      const cfg = config(err);
      if (!cfg) return 2;
      const dir = join(cfg.agency.knowledge.dir, 'drafts');
      const files = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.md'))
            .sort()
        : [];
      if (files.length === 0) {
        out(`No drafts in ${dir}.`);
        return 0;
      }
      for (const file of files) {
        const path = join(dir, file);
        const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'));
        const front = match ? (parseDocument(match[1] ?? '').toJS() as unknown) : undefined;
        const title =
          front !== null &&
          typeof front === 'object' &&
          typeof (front as { title?: unknown }).title === 'string'
            ? (front as { title: string }).title
            : '(no title)';
        out(`${statSync(path).mtime.toISOString().slice(0, 10)}  ${file}  ${title}`);
      }
      out(
        `${files.length} draft(s). Review one, move it to articles/, then run "npm run kb -- lint".`,
      );
      return 0;
    }
    case 'calibrate': {
      const extra: EvalCase[] = [];
      for (const [name, half] of [
        ['--with', undefined],
        ['--with-half', 1],
        ['--with-odd-half', 0],
      ] as const) {
        let file = option(args, name);
        while (file !== undefined) {
          const parsed = parseEvalFile(readFileSync(file, 'utf8'));
          if (!parsed.ok) {
            for (const p of parsed.problems) err(`${file}: ${p}`);
            return 2;
          }
          // --with-half fits on the even lines (2, 4, ...) so the odd lines stay unseen for testing;
          // --with-odd-half on the odd lines (1, 3, ...) of a set whose even lines are kept unseen.
          extra.push(...parsed.value.filter((_, i) => half === undefined || i % 2 === half));
          file = option(args, name);
        }
      }
      const cfg = config(err);
      if (!cfg) return 2;
      const loaded = loadKnowledge(cfg.agency.knowledge.dir);
      if (!loaded.ok) {
        for (const p of loaded.problems) err(p);
        return 1;
      }
      const { articles, synonyms, everyday = [] } = loaded.value;
      const samples = [
        ...calibrationSamples(articles, synonyms, everyday),
        ...labelledSamples(createSearchIndexFor(loaded.value), extra),
      ];
      out(
        `${samples.length} samples (${samples.filter((s) => s.label === 1).length} right answers)`,
      );
      out(JSON.stringify(fitConfidenceModel(samples), null, 2));
      out(
        'Paste these into CONFIDENCE_MODEL in src/core/knowledge/search-index.ts, then run eval.',
      );
      return 0;
    }
    default:
      err(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

if (require.main === module) {
  main(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `kb failed: ${error instanceof Error ? error.message : 'unknown error'}\n`,
      );
      process.exitCode = 2;
    },
  );
}
