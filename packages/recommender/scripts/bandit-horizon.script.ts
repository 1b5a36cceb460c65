// `npm run horizon -w @persona/recommender -- <simulation.json> [--days 12] [--traffic 1,4,10,30] [--pooled 0,30]`:
// how close a per-test Thompson policy can get to the oracle with the traffic of a simulated world.
// Replays Thompson offline (replayThompson: every outcome learned at once) on the (item, segment)
// tests of `npm run sim`'s output — each arm's true mean click probability over the segment's
// members — with the simulation's own traffic per test per day times each multiplier; prints the last
// day's expected CTR as a share of the oracle's, with the floor the API uses and without one, and
// with each pooled-prior strength (0: every test learns alone; see withPooledPriors).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DELIVERY_SETTINGS } from '@persona/shared';
import { meanInterval, powerLawExponent, replayThompson, seededUniform, type ReplayTest } from '../src/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { days: { type: 'string', default: '12' }, traffic: { type: 'string', default: '1,4,10,30' }, floor: { type: 'string', default: '0.1' }, pooled: { type: 'string', default: `0,${DEFAULT_DELIVERY_SETTINGS.pooledPriorStrength}` }, repeats: { type: 'string', default: '10' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: bandit-horizon <simulation.json> [--days 12] [--traffic 1,4,10,30] [--floor 0.1]');
  process.exit(2);
}
// Relative to where npm was run (INIT_CWD), not to this workspace.
const run = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8')) as {
  runs: { seed: number; days: { decisions: number }[] }[];
  tests: Record<string, { segmentId: string; members: number; armMeans: number[] }[]>;
};
const days = Number(values.days);
/**
 * The traffic the simulation actually had: its decisions per day (mean over the seed's runs and
 * days) spread over the tests in proportion to their segment's size. Feeds leave out what a user
 * has consumed, so this is less than every member seeing every item every day.
 */
function shareSeen(seed: string, tests: readonly { members: number }[]): number {
  const decisions = run.runs.filter((r) => String(r.seed) === seed).flatMap((r) => r.days.map((d) => d.decisions));
  const perDay = decisions.reduce((a, b) => a + b, 0) / decisions.length;
  return perDay / tests.reduce((a, t) => a + t.members, 0);
}
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`| traffic | decisions per test per day | floor | pooled prior | last-day share of oracle | uniform's | cumulative regret exponent |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
const settings = String(values.traffic).split(',').map(Number).flatMap((multiplier) =>
  [Number(values.floor), 0].flatMap((floor) => String(values.pooled).split(',').map((pooled) => ({ multiplier, floor, pooled: Number(pooled) }))),
);
for (const { multiplier, floor, pooled } of settings) {
  const shares: number[] = [];
  const uniform: number[] = [];
  const exponents: number[] = [];
  let perTest = 0;
  // Each world replayed `repeats` times with its own random stream: one replay's last day is noisy.
  for (const [seed, tests] of Object.entries(run.tests).flatMap(([seed, tests]) => Array.from({ length: Number(values.repeats) }, (_, r) => [`${seed}`, tests, r] as const)).map(([seed, tests, r]) => [`${seed}#${r}`, tests] as const)) {
    const seen = shareSeen(seed.split('#')[0]!, tests);
    const replay: ReplayTest[] = tests
      .filter((test) => test.members > 0 && test.armMeans.length > 1)
      .map((test) => ({ armMeans: test.armMeans, perDay: Math.round(test.members * seen * multiplier), pool: test.segmentId }));
    perTest = replay.reduce((a, t) => a + t.perDay, 0) / replay.length;
    const result = replayThompson(replay, { days, explorationFloor: floor, pooledPriorStrength: pooled, random: seededUniform(`horizon/${seed}/${multiplier}/${floor}`) });
    const last = result.at(-1)!;
    shares.push(last.expected / last.oracle);
    uniform.push(last.uniform / last.oracle);
    let regret = 0;
    exponents.push(powerLawExponent(result.map((d, i) => ({ x: i + 1, y: (regret += d.oracle - d.expected) }))));
  }
  const share = meanInterval(shares);
  const exponent = meanInterval(exponents);
  console.log(
    `| ${multiplier}× | ${perTest.toFixed(0)} | ${floor} | ${pooled || 'none'} | ${pct(share.mean)} (${pct(share.low)}–${pct(share.high)}) | ${pct(meanInterval(uniform).mean)} | ${exponent.mean.toFixed(2)} |`,
  );
}
