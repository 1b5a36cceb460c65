import { generateDemoDataset } from '@persona/demo-data';
import type { TTextContent } from '@persona/shared';
import { describe, expect, it } from 'vitest';
import { buildVariants, measureQuality, qualityRows } from '../scripts/variant-quality.js';
import { checkGuardrails, generateTextVariant, NEAR_DUPLICATE_SIMILARITY, variantSimilarity, writeTemplateText } from '../src/index.js';

// Every third item of the demo catalog across all 5 segments: 600 pairs, each kind of item included.
const dataset = generateDemoDataset({ users: 10, interactions: 10 });
const items = dataset.items.filter((_, index) => index % 3 === 0);

/**
 * Measured on the whole demo catalog (see the whole-catalog test) with the Spanish segment written
 * from its Spanish sources: length 60.9 %, grade 65.8 %; about a point of slack below.
 */
const LENGTH_WITHIN_20 = 0.6;
const GRADE_WITHIN_2 = 0.64;

describe('template engine on the demo catalog × all segments', () => {
  it('meets the faithfulness and distinctness targets', async () => {
    let pairs = 0;
    let lengthOk = 0;
    let gradeOk = 0;
    const faithfulnessFailures: string[] = [];
    let nearDuplicates = 0;
    let closest = 0;
    for (const item of items) {
      // As the API does: each segment's variant is written knowing the ones already made for the item.
      const contents: TTextContent[] = [];
      for (const segment of dataset.segments) contents.push(writeTemplateText({ item, segment, siblings: [...contents] }));
      for (const [index, segment] of dataset.segments.entries()) {
        const { report } = await checkGuardrails({ content: contents[index] as TTextContent, source: item, segment });
        const status = (name: string) => report.checks.find((check) => check.name === name)?.status;
        pairs++;
        if (status('length') === 'pass') lengthOk++;
        if (status('reading-grade') === 'pass') gradeOk++;
        if (status('faithfulness') === 'fail') faithfulnessFailures.push(`${item.title} / ${segment.name}`);
      }
      for (let a = 0; a < contents.length; a++) {
        for (let b = a + 1; b < contents.length; b++) {
          const similarity = variantSimilarity(contents[a] as TTextContent, contents[b] as TTextContent);
          closest = Math.max(closest, similarity);
          if (similarity >= NEAR_DUPLICATE_SIMILARITY) nearDuplicates++;
        }
      }
    }
    console.info(
      `template × catalog: ${pairs} pairs, length ±20% ${((100 * lengthOk) / pairs).toFixed(1)}%, grade ±2 ${((100 * gradeOk) / pairs).toFixed(1)}%, ` +
        `faithfulness failures ${faithfulnessFailures.length}, near-duplicate pairs ${nearDuplicates}, closest pair ${(closest * 100).toFixed(0)}%`,
    );
    expect(faithfulnessFailures).toEqual([]);
    expect(nearDuplicates).toBe(0);
  }, 300_000);

  it('writes no "; Capital" joins, fragments, double-colon titles, wrong a/an, "1 litres", misattributed figures or opening-line summaries, on the whole catalog', async () => {
    // Every item × every segment (one headline alternative: the body does not depend on it).
    const counts = await measureQuality(buildVariants(dataset.items, dataset.segments, 1));
    console.info(qualityRows(counts).map(([label, value]) => `${label}: ${value}`).join('; '));
    expect(counts.variants).toBe(dataset.items.length * dataset.segments.length);
    expect(counts.semicolonCapital).toBe(0);
    expect(counts.fragments).toBe(0);
    expect(counts.repeatedColonTitles).toBe(0);
    expect(counts.articles).toBe(0);
    expect(counts.numberAgreement).toBe(0);
    expect(counts.attributionMismatches).toBe(0);
    expect(counts.summaryIsFirstSentence).toBe(0);
    // Grammar wins over the numbers (issue #13), and so do the key facts and the absence of padding:
    // professionals get the whole item (about 150 words for a 280-word target) instead of a recap
    // that repeats it, seniors' steps keep every key figure (about 105 words for 90), and no
    // sentences are glued or chained to reach grade 13. BENCHMARKS.md has the figures.
    expect(counts.lengthWithin20 / counts.variants).toBeGreaterThanOrEqual(LENGTH_WITHIN_20);
    expect(counts.lengthWithin20OrWholeSource / counts.variants).toBeGreaterThanOrEqual(0.81);
    expect(counts.gradeWithin2 / counts.variants).toBeGreaterThanOrEqual(GRADE_WITHIN_2);
  }, 400_000);

  it('raises no content-safety alarm on the whole demo catalog, which has no attack in it', async () => {
    // False positives: a check that cried wolf on ordinary copy would send the whole catalog to review.
    const counts = { pass: 0, warn: 0, fail: 0 };
    const safetyAlarms: string[] = [];
    const failedOtherThanLength: string[] = [];
    for (const item of dataset.items) {
      const siblings: TTextContent[] = [];
      for (const segment of dataset.segments) {
        const variant = await generateTextVariant({ item, segment, engine: 'template', siblings: [...siblings] });
        if (variant.content !== null) siblings.push(variant.content);
        counts[variant.guardrails.status]++;
        for (const check of variant.guardrails.checks) if (check.status === 'fail' && check.name !== 'length') failedOtherThanLength.push(`${item.title} / ${segment.name}: ${check.name} ${check.detail}`);
        for (const check of variant.guardrails.checks) {
          if (['prompt-injection', 'unsafe-content', 'claims'].includes(check.name) && check.status !== 'pass') safetyAlarms.push(`${item.title} / ${segment.name}: ${check.name} ${check.detail}`);
        }
      }
    }
    console.info(`template × whole demo catalog: ${dataset.items.length * dataset.segments.length} variants, guardrails pass ${counts.pass}, warn ${counts.warn}, fail ${counts.fail}`);
    expect(safetyAlarms).toEqual([]);
    // Failing checks allowed: length, because a "steps" variant keeps every action and key fact of
    // the item, which for a long item runs past +40 % of a short target (seniors: 90 words); and
    // distinctness between the two "steps" segments of a few fitness plans, whose actions and facts
    // are the whole item and alike for both (a known gap: at most 10 of 1,800, listed in BENCHMARKS.md).
    const distinctness = failedOtherThanLength.filter((failure) => failure.includes(': distinctness '));
    expect(distinctness.length).toBeLessThanOrEqual(10);
    expect(distinctness.every((failure) => failure.includes('/ Busy parents:'))).toBe(true);
    expect(failedOtherThanLength.filter((failure) => !distinctness.includes(failure))).toEqual([]);
  }, 300_000);

  it('gives seniors short large-step text and young adults bullets, in their own tone', () => {
    const item = dataset.items[0];
    if (item === undefined) throw new Error('no demo item');
    const bySegment = new Map(dataset.segments.map((segment) => [segment.name, writeTemplateText({ item, segment })]));
    const seniors = bySegment.get('Seniors 65+');
    const young = bySegment.get('Young adults 18–29');
    const professionals = bySegment.get('Professionals and enthusiasts');
    expect(seniors?.body).toMatch(/^1\. /m);
    expect(young?.body).toMatch(/^- /m);
    expect(young?.title).toMatch(/\p{Extended_Pictographic}/u);
    expect(seniors?.title).not.toMatch(/\p{Extended_Pictographic}/u);
    // Professionals get the whole item; seniors its actions and key facts.
    expect(professionals?.body.length).toBeGreaterThan((seniors?.body.length ?? 0) * 1.2);
    expect(new Set([...bySegment.values()].map((content) => content.cta)).size).toBeGreaterThanOrEqual(4);
  });

  it('is deterministic', () => {
    const [item] = dataset.items;
    const [segment] = dataset.segments;
    if (item === undefined || segment === undefined) throw new Error('no demo data');
    expect(writeTemplateText({ item, segment })).toEqual(writeTemplateText({ item, segment }));
  });
});
