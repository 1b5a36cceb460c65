/**
 * Evaluation harness CLI (leave-last-out; full, sampled and 20-candidate list-wise protocols).
 *
 *   npm run eval -w packages/recommender -- --dataset demo | movielens-100k:<dir> | movielens-latest:<dir> | csv:<file>
 *     [--engines popularity,itemknn,itemknn-tuned,classical,llm] [--protocols full,sampled,listwise20]
 *     [--max-users N] [--seed N] [--out ./bench-results] [--blend source=weight,...]
 *     [--llm-passes B] [--llm-prior-exponent γ] [--tune]
 *
 * --blend overrides the classical engine's blend weights (an ablation: `--blend transition=0`
 * switches the last-item → next-item source off); the baselines keep their own.
 *
 * --tune first learns the classical blend weights on a validation split of the training data
 * (coordinate ascent on NDCG@10) and, with the llm engine, the LLM prior exponent (list-wise
 * NDCG@10); then evaluates with them. The tuned values are printed and written to --out.
 *
 * The llm engine reads LLM_BASE_URL, LLM_API_KEY and LLM_MODEL (only here, never in the library).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLlmClient } from '@persona/llm';
import {
  EVALUATION_ENGINES,
  EVALUATION_PROTOCOLS,
  evaluate,
  LlmListwiseRanker,
  readInteractionsCsv,
  readMovieLens100k,
  readMovieLensLatest,
  toMarkdown,
  tuneBlend,
  tunePriorExponent,
  writeEvaluationReport,
  type RecommenderConfigOverrides,
  type EvaluationDataset,
  type EvaluationEngine,
  type EvaluationProtocol,
} from '../src/index.js';
import { demoEvaluationDataset } from './demo-evaluation.dataset.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'demo' },
    engines: { type: 'string', default: 'popularity,itemknn,itemknn-tuned,classical' },
    protocols: { type: 'string', default: EVALUATION_PROTOCOLS.join(',') },
    'max-users': { type: 'string' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', default: './bench-results' },
    'llm-passes': { type: 'string', default: '1' },
    'llm-prior-exponent': { type: 'string', default: '0' },
    tune: { type: 'boolean', default: false },
    blend: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function listOf<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = list.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) fail(`unknown ${what}: ${bad.join(', ')} (choose from ${allowed.join(', ')})`);
  return list as T[];
}

async function loadDataset(spec: string): Promise<EvaluationDataset> {
  const [kind, ...rest] = spec.split(':');
  const path = rest.join(':');
  switch (kind) {
    case 'demo':
      return demoEvaluationDataset();
    case 'movielens-100k':
      return readMovieLens100k(path || fail('movielens-100k needs a directory: movielens-100k:<dir with u.data and u.item>'));
    case 'movielens-latest':
      return readMovieLensLatest(path || fail('movielens-latest needs a directory: movielens-latest:<dir with ratings.csv and movies.csv>'));
    case 'csv':
      return readInteractionsCsv(path || fail('csv needs a file: csv:<file>'));
    default:
      return fail(`unknown dataset ${spec}: use demo, movielens-100k:<dir>, movielens-latest:<dir> or csv:<file>`);
  }
}

function llmRankerFromEnv(priorExponent: number): LlmListwiseRanker {
  const baseUrl = process.env.LLM_BASE_URL;
  const model = process.env.LLM_MODEL;
  if (!baseUrl || !model) fail('the llm engine needs LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if the endpoint wants one)');
  const client =
    createLlmClient({ baseUrl, apiKey: process.env.LLM_API_KEY ?? 'none', chatModel: model, timeoutMs: 30_000, maxRetries: 2 }) ??
    fail('LLM_BASE_URL is empty');
  return new LlmListwiseRanker(client, { passes: Number(values['llm-passes']), priorExponent });
}

const BLEND_SOURCES = ['popularity', 'item_cf', 'content', 'transition', 'embedding'] as const;

function blendOf(spec: string): NonNullable<RecommenderConfigOverrides['blend']> {
  const blend: NonNullable<RecommenderConfigOverrides['blend']> = {};
  for (const pair of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [source, weight] = pair.split('=');
    if (!(BLEND_SOURCES as readonly string[]).includes(source ?? '')) fail(`unknown blend source ${source} (choose from ${BLEND_SOURCES.join(', ')})`);
    const value = Number(weight);
    if (weight === undefined || weight === '' || !Number.isFinite(value) || value < 0) fail(`blend ${pair}: the weight must be a number ≥ 0`);
    blend[source as (typeof BLEND_SOURCES)[number]] = value;
  }
  return blend;
}

const engines = listOf<EvaluationEngine>(values.engines, EVALUATION_ENGINES, 'engine');
const protocols = listOf<EvaluationProtocol>(values.protocols, EVALUATION_PROTOCOLS, 'protocol');
const dataset = await loadDataset(values.dataset);
const stem = `${dataset.name.replace(/[^a-z0-9.-]+/gi, '_')}`;
let config: RecommenderConfigOverrides = values.blend ? { blend: blendOf(values.blend) } : {};
let priorExponent = Number(values['llm-prior-exponent']);
if (values.tune) {
  const tuning = await tuneBlend(dataset, { seed: Number(values.seed), ...(values['max-users'] ? { maxUsers: Number(values['max-users']) } : {}) });
  config = { blend: { ...tuning.blend, ...config.blend } };
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, `tune-${stem}.json`), `${JSON.stringify(tuning, null, 2)}\n`);
  console.log(
    `tuned blend ${JSON.stringify(tuning.blend)}: validation NDCG@10 ${tuning.baselineNdcg10.toFixed(4)} → ${tuning.tunedNdcg10.toFixed(4)}`,
  );
  if (engines.includes('llm')) {
    const prior = await tunePriorExponent(dataset, llmRankerFromEnv, { config, seed: Number(values.seed), ...(values['max-users'] ? { maxUsers: Number(values['max-users']) } : {}) });
    priorExponent = prior.priorExponent;
    await writeFile(join(values.out, `tune-llm-prior-${stem}.json`), `${JSON.stringify(prior, null, 2)}\n`);
    console.log(`tuned LLM prior exponent ${priorExponent}: ${prior.results.map((r) => `${r.priorExponent}→${r.ndcg10.toFixed(4)}`).join(', ')}`);
  }
}
const report = await evaluate(dataset, {
  engines,
  protocols,
  config,
  seed: Number(values.seed),
  ...(values['max-users'] ? { maxUsers: Number(values['max-users']) } : {}),
  ...(engines.includes('llm') ? { llmRanker: llmRankerFromEnv(priorExponent) } : {}),
});
const written = await writeEvaluationReport(report, values.out, `eval-${stem}`);
console.log(toMarkdown(report));
console.log(`wrote ${written.json} and ${written.markdown}`);
