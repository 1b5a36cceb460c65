import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OpenAiLlmClient } from '@persona/llm';
import {
  BANDIT_POLICIES,
  LlmPersonaUserModel,
  STATISTICAL_USER_PARAMETERS,
  StatisticalUserModel,
  meanInterval,
  powerLawExponent,
  type BanditPolicy,
  type UserModel,
} from '@persona/recommender';
import { DEFAULT_DELIVERY_SETTINGS } from '@persona/shared';
import { loadConfigOrExit } from '../src/config/load-config-or-exit.js';
import { lineChartSvg } from './ctr-chart.svg.js';
import { runSimulation, type DayResult, type SimulationResult } from './simulation.runner.js';

/**
 * `npm run sim -- --users 150 --days 8 --policy thompson,uniform,fixed --seeds 5`: the closed loop
 * (see simulation.runner.ts) for each policy and seed, with the statistical user model; results
 * as JSON, markdown and an SVG chart of CTR per day per policy in --out (default bench-results).
 */
const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '150' },
    days: { type: 'string', default: '8' },
    items: { type: 'string', default: '24' },
    'feed-size': { type: 'string', default: '6' },
    policy: { type: 'string', default: BANDIT_POLICIES.join(',') },
    seeds: { type: 'string', default: '5' },
    // Seeds first-seed … first-seed + seeds − 1: several processes can each run some, and --merge sums them up.
    'first-seed': { type: 'string', default: '1' },
    // Comma-separated simulation.json files of earlier runs: no new run, their runs summarized together.
    merge: { type: 'string' },
    'exploration-floor': { type: 'string', default: '0.1' },
    'pooled-prior-strength': { type: 'string', default: String(DEFAULT_DELIVERY_SETTINGS.pooledPriorStrength) },
    concurrency: { type: 'string', default: '8' },
    model: { type: 'string', default: 'statistical' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const int = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return n;
};
const policies = String(values.policy).split(',').map((p) => p.trim()) as BanditPolicy[];
if (policies.some((p) => !(BANDIT_POLICIES as readonly string[]).includes(p))) {
  console.error(`--policy: choose from ${BANDIT_POLICIES.join(', ')}`);
  process.exit(2);
}
if (values.model !== 'statistical' && values.model !== 'llm') {
  console.error('--model: statistical | llm');
  process.exit(2);
}
const config = loadConfigOrExit();
if (values.model === 'llm' && !config.llm) {
  console.error('--model llm needs an endpoint: set LLM_BASE_URL (and LLM_API_KEY, LLM_MODEL).');
  process.exit(2);
}
interface SimulationFile {
  options: { users: number; days: number; items: number; feedSize: number; seeds: number; concurrency: number; explorationFloor: number; pooledPriorStrength: number };
  runs: { policy: BanditPolicy; seed: number; days: DayResult[] }[];
  tests: Record<number, SimulationResult['tests']>;
}
const merged = values.merge ? values.merge.split(',').map((file) => JSON.parse(readFileSync(file.trim(), 'utf8')) as SimulationFile) : [];
const options: SimulationFile['options'] = merged[0]
  ? { ...merged[0].options, seeds: merged.reduce((n, m) => n + m.options.seeds, 0) }
  : {
      users: int('users'), days: int('days'), items: int('items'), feedSize: int('feed-size'), seeds: int('seeds'), concurrency: int('concurrency'),
      explorationFloor: Number(values['exploration-floor']), pooledPriorStrength: Number(values['pooled-prior-strength']),
    };
const model: UserModel = config.llm && values.model === 'llm'
  ? new LlmPersonaUserModel(new OpenAiLlmClient({ baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey, chatModel: config.llm.chatModel, embeddingModel: config.llm.embeddingModel, timeoutMs: config.llm.timeoutMs, maxRetries: 2 }))
  : new StatisticalUserModel();

const runs: SimulationFile['runs'] = [];
/** The tests of each seed's world (the same for every policy of a seed). */
const tests: SimulationFile['tests'] = {};
for (const earlier of merged) {
  runs.push(...earlier.runs.filter((r) => policies.includes(r.policy)));
  Object.assign(tests, earlier.tests);
}
const firstSeed = int('first-seed');
for (let seed = firstSeed; !merged.length && seed < firstSeed + options.seeds; seed++) {
  for (const policy of policies) {
    const started = performance.now();
    const { days, tests: seedTests } = await runSimulation({ ...options, policy, seed, model });
    runs.push({ policy, seed, days });
    tests[seed] = seedTests;
    const total = days.reduce((a, d) => a + d.clicks, 0);
    console.error(`seed ${seed} ${policy}: ${total} clicks in ${days.length} days (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
}

const sum = (days: DayResult[], key: keyof DayResult) => days.reduce((a, d) => a + d[key], 0);
const summary = policies.map((policy) => {
  const mine = runs.filter((r) => r.policy === policy);
  const last = mine.map((r) => r.days.at(-1)!);
  const regret = mine.map((r) => {
    let cumulative = 0;
    return r.days.map((d) => ({ x: d.day, y: (cumulative += d.oracleClicks - d.expectedClicks) }));
  });
  const uniformRuns = runs.filter((r) => r.policy === 'uniform');
  return {
    policy,
    lastDayCtr: meanInterval(last.map((d) => d.expectedClicks / d.decisions)),
    lastDayOracleCtr: meanInterval(last.map((d) => d.oracleClicks / d.decisions)),
    lastDayShareOfOracle: meanInterval(last.map((d) => d.expectedClicks / d.oracleClicks)),
    cumulativeClicks: meanInterval(mine.map((r) => sum(r.days, 'clicks'))),
    cumulativeRegret: meanInterval(regret.map((points) => points.at(-1)!.y)),
    regretExponent: meanInterval(regret.map(powerLawExponent)),
    upliftOverControlOnly: meanInterval(mine.map((r) => sum(r.days, 'expectedClicks') / sum(r.days, 'controlClicks') - 1)),
    upliftOverUniform: uniformRuns.length
      ? meanInterval(mine.map((r) => sum(r.days, 'expectedClicks') / sum(uniformRuns.find((u) => u.seed === r.seed)!.days, 'expectedClicks') - 1))
      : null,
    ctrPerDay: perDay(mine, (d) => d.expectedClicks / d.decisions),
    // CTR falls for every policy as users consume what they like best; against the oracle on the same cards, it does not.
    shareOfOraclePerDay: perDay(mine, (d) => d.expectedClicks / d.oracleClicks),
  };
});
function perDay(mine: typeof runs, measure: (day: DayResult) => number) {
  return mine[0]!.days.map((_, i) => ({ day: i + 1, ...meanInterval(mine.map((r) => measure(r.days[i]!))) }));
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const range = (e: { mean: number; low: number; high: number }, f = pct) => `${f(e.mean)} (${f(e.low)} – ${f(e.high)})`;
const markdown = [
  `# Closed-loop simulation`,
  '',
  `${options.seeds} seeds × ${options.users} users × ${options.days} days, ${options.items} items, feeds of ${options.feedSize}, ` +
    `exploration floor ${options.explorationFloor}, pooled prior strength ${options.pooledPriorStrength}, ` +
    (model instanceof StatisticalUserModel ? `statistical user model ${JSON.stringify(STATISTICAL_USER_PARAMETERS)}.` : `LLM persona user model (${config.llm?.chatModel}): no probabilities, so CTRs are observed clicks and oracle, regret and control are n/a.`),
  'CTRs are the model\'s expected click rate on the served items where a policy chose among arms; intervals are 95% t intervals over seeds.',
  '',
  '| policy | last-day CTR | last-day oracle CTR | share of oracle | cumulative clicks | cumulative regret | regret exponent | uplift over control only | uplift over uniform |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...summary.map((s) =>
    [s.policy, range(s.lastDayCtr), range(s.lastDayOracleCtr), range(s.lastDayShareOfOracle), range(s.cumulativeClicks, (x) => x.toFixed(0)),
      range(s.cumulativeRegret, (x) => x.toFixed(1)), range(s.regretExponent, (x) => x.toFixed(2)), range(s.upliftOverControlOnly),
      s.upliftOverUniform ? range(s.upliftOverUniform) : '—'].join(' | ').replace(/^/, '| ').concat(' |'),
  ),
].join('\n');
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'simulation.json'), JSON.stringify({ options, parameters: STATISTICAL_USER_PARAMETERS, summary, runs, tests }, null, 2));
writeFileSync(join(values.out, 'simulation.md'), `${markdown}\n`);
writeFileSync(
  join(values.out, 'simulation-ctr.svg'),
  lineChartSvg('Expected CTR per day (mean over seeds)', summary.map((s) => ({ name: s.policy, points: s.ctrPerDay.map((d) => ({ x: d.day, y: d.mean })) })), 'CTR'),
);
if (model instanceof StatisticalUserModel) {
  writeFileSync(
    join(values.out, 'simulation-oracle-share.svg'),
    lineChartSvg('Share of the oracle\'s expected clicks per day (mean over seeds)', summary.map((s) => ({ name: s.policy, points: s.shareOfOraclePerDay.map((d) => ({ x: d.day, y: d.mean })) })), 'share of oracle'),
  );
}
console.log(markdown);
console.log(`\nWritten to ${values.out}/simulation.{json,md}, simulation-ctr.svg and (statistical model) simulation-oracle-share.svg`);
