import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvaluationReport } from './evaluation.harness.js';

const f3 = (x: number) => x.toFixed(4);

/** The report as a markdown table, one row per engine and protocol, with ratios to popularity, plain ItemKNN and tuned ItemKNN. */
export function toMarkdown(report: EvaluationReport): string {
  const lines = [
    `# Recommender evaluation: ${report.dataset}`,
    '',
    `${report.items} items, ${report.interactions} interactions, ${report.evaluatedUsers} users evaluated (leave-last-out, seed ${report.seed}).`,
    '',
    '| protocol | engine | NDCG@10 | NDCG@20 | Recall@10 | HR@10 | MRR | coverage | ×pop NDCG@10 | ×ItemKNN NDCG@10 | ×tuned ItemKNN NDCG@10 | mean ms | tokens (prompt/completion) | fallbacks |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of report.runs) {
    const base = (engine: string) => report.runs.find((r) => r.engine === engine && r.protocol === run.protocol)?.metrics.ndcg10;
    const ratio = (engine: string) => {
      const b = base(engine);
      return b ? `${(run.metrics.ndcg10 / b).toFixed(2)}×` : '–';
    };
    const m = run.metrics;
    const fallbacks = Object.entries(run.fallbacks).map(([k, v]) => `${k}: ${v}`).join(', ') || '–';
    lines.push(
      `| ${run.protocol} | ${run.engine} | ${f3(m.ndcg10)} | ${f3(m.ndcg20)} | ${f3(m.recall10)} | ${f3(m.hr10)} | ${f3(m.mrr)} | ${f3(m.coverage)} | ${ratio('popularity')} | ${ratio('itemknn')} | ${ratio('itemknn-tuned')} | ${run.meanLatencyMs.toFixed(3)} | ${run.tokens.prompt}/${run.tokens.completion} | ${fallbacks} |`,
    );
  }
  lines.push('', '| engine | fit ms | model memory (MB) |', '|---|---|---|');
  for (const fit of report.fits) lines.push(`| ${fit.engine} | ${fit.fitMs.toFixed(0)} | ${(fit.memoryBytes / 1e6).toFixed(1)} |`);
  return `${lines.join('\n')}\n`;
}

/** Writes `<stem>.json` and `<stem>.md` into `dir`; returns their paths. */
export async function writeEvaluationReport(report: EvaluationReport, dir: string, stem: string): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, `${stem}.json`);
  const markdown = join(dir, `${stem}.md`);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, toMarkdown(report));
  return { json, markdown };
}
