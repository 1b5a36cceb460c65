/**
 * Quality report: every template variant of the whole demo catalog (default seed) × the 5 demo
 * segments × both headline alternatives, counted for what an editor would object to. Deterministic:
 * the catalog is seeded and the engine has no randomness. `--examples N` also prints N variants
 * picked by a seeded draw, for reading. Run: `npm run quality -w @persona/generator`.
 */
import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { grammarProblems } from '../src/text/english-grammar.js';
import { buildVariants, measureQuality, qualityRows } from './variant-quality.js';
import { measureSpanish, spanishRows } from './spanish-quality.js';
import { readsAsSpanish } from '../src/guardrails/checks/spanish-text.check.js';

const showProblems = process.argv.includes('--problems');
const examplesArg = process.argv.indexOf('--examples');
const examples = examplesArg === -1 ? 0 : Number(process.argv[examplesArg + 1] ?? 10);
const items = generateDemoDataset({ users: 10, interactions: 10 }).items;
const variants = buildVariants(items, demoSegments());
const counts = await measureQuality(variants);
const rows = qualityRows(counts);
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`template engine × demo catalog (${items.length} items × ${demoSegments().length} segments × 2 headline alternatives)`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
// The Spanish segment, adapted from each item's Spanish source and measured on the Spanish scale.
console.log('\nSpanish segment (template engine, Spanish sources, both headline alternatives)');
for (const [label, value] of spanishRows(await measureSpanish(items, demoSegments()))) console.log(`${label.padEnd(width)}  ${value}`);

if (showProblems) {
  // The most frequent problems, figures masked, so one kind of sentence shows once.
  const tally = new Map<string, number>();
  for (const { content, segment } of variants) {
    if (readsAsSpanish({ content, style: segment.style })) continue;
    for (const problem of grammarProblems([content.title, content.summary, content.body, content.cta].join('\n\n'))) {
      const key = `${problem.kind}: ${problem.excerpt.replace(/\d+/g, 'N')}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
  }
  for (const [key, count] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${String(count).padStart(5)}  ${key}`);
}

// A small LCG so the sample is the same in every run and on every machine.
let state = 20261203;
const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (let index = 0; index < examples; index++) {
  const pick = variants[Math.floor(next() * variants.length)]!;
  console.log(`\n--- ${pick.item.title} / ${pick.segment.name} (alternative ${pick.alternative})`);
  console.log(`TITLE: ${pick.content.title}\nSUMMARY: ${pick.content.summary}\nBODY:\n${pick.content.body}\nCTA: ${pick.content.cta}`);
}
