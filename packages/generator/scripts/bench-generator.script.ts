/**
 * Generator benchmark: template text variants per second (with guardrails; also in a worker's
 * order over a whole catalog), what the grammar and attribution checks cost as a ratio to the same
 * work without them, and sharp image variants per second for the 4 channel formats from
 * a 3000×2000 JPEG, as a ratio to a bare sharp resize of the same source to the same 4 sizes,
 * measured in the same run. The baseline decodes the same JPEG per size and encodes with the
 * engine's own first-encode settings, so the ratio is the cost of crop, treatment, overlay and
 * budget alone. The image pair is timed in alternating rounds and the median ratio reported, so a
 * noisy neighbour hits both sides. Reports peak memory.
 */
import { demoSegments, generateDemoDataset, renderDemoImage } from '@persona/demo-data';
import { CHANNEL_FORMATS, type TTextContent } from '@persona/shared';
import sharp from 'sharp';
import { encoderFor, FIRST_QUALITY } from '../src/image/budget-encoder.js';
import { measurePixels } from '../src/image/rendition-inspector.js';
import { overlaysByFormat } from '../src/image/rendition-overlays.js';
import { checkGuardrails, generateTextVariant, renderImageVariants, writeTemplateText } from '../src/index.js';

const FORMATS = ['square', 'portrait', 'story', 'landscape'] as const;
let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sample, 20);

async function rate(label: string, runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const started = performance.now();
  for (let run = 0; run < runs; run++) await work();
  const perSecond = runs / ((performance.now() - started) / 1000);
  console.log(`${label}: ${perSecond.toFixed(1)}/s`);
  return perSecond;
}

const dataset = generateDemoDataset({ users: 10, interactions: 10 });
const segments = demoSegments();
let index = 0;
const textRate = await rate('template text variants (incl. guardrails)', 500, async () => {
  const item = dataset.items[index % dataset.items.length]!;
  const segment = segments[index++ % segments.length]!;
  await generateTextVariant({ item, segment, engine: 'template' });
});

/**
 * What the grammar and attribution checks cost: writing and checking a variant with them and
 * without them, as a ratio of throughputs in this run. Each side writes a catalog it has not seen
 * (another seed per side and round, so no sentence is remembered from the other side), the sides
 * alternate which goes first, and the median of the rounds is reported.
 */
const LANGUAGE_ROUNDS = 5;
const languageRatios: number[] = [];
let withChecksRate = 0;
let withoutChecksRate = 0;
for (let round = 0; round < LANGUAGE_ROUNDS; round++) {
  const pass = async (withoutLanguageChecks: boolean, seed: number) => {
    const items = generateDemoDataset({ users: 10, interactions: 10, seed }).items.slice(0, 60);
    const started = performance.now();
    for (const item of items) {
      for (const segment of segments) {
        const content = writeTemplateText({ item, segment });
        await checkGuardrails({ content, source: item, segment, withoutLanguageChecks });
      }
    }
    return (items.length * segments.length) / ((performance.now() - started) / 1000);
  };
  const order = round % 2 === 0 ? [false, true] : [true, false];
  const rates = new Map<boolean, number>();
  for (const [side, without] of order.entries()) rates.set(without, await pass(without, 100 + round * 2 + side));
  withChecksRate = rates.get(false)!;
  withoutChecksRate = rates.get(true)!;
  languageRatios.push(withChecksRate / withoutChecksRate);
}
const languageSorted = [...languageRatios].sort((a, b) => a - b);
const languageMedian = languageSorted[Math.floor(LANGUAGE_ROUNDS / 2)]!;
console.log(
  `write + guardrails with grammar and attribution vs without: median ${languageMedian.toFixed(2)}× the throughput of ${LANGUAGE_ROUNDS} rounds ` +
    `(min ${languageSorted[0]!.toFixed(2)}, max ${languageSorted[LANGUAGE_ROUNDS - 1]!.toFixed(2)}; last round ${withChecksRate.toFixed(1)}/s with, ${withoutChecksRate.toFixed(1)}/s without)`,
);

/**
 * As a generation worker meets them: every item of a catalog for every segment once, item by item,
 * each variant written knowing the ones already made for its item (the API passes them as
 * siblings). Measured after the runs above (a warm process, as a long-running worker is) on a
 * catalog of another seed, so no item has been seen before.
 */
const workerCatalog = generateDemoDataset({ users: 10, interactions: 10, seed: 11 }).items;
const workerStarted = performance.now();
for (const item of workerCatalog) {
  const siblings: TTextContent[] = [];
  for (const segment of segments) {
    const variant = await generateTextVariant({ item, segment, engine: 'template', siblings: [...siblings], moderator: null });
    if (variant.content !== null) siblings.push(variant.content);
  }
}
const workerTextRate = (workerCatalog.length * segments.length) / ((performance.now() - workerStarted) / 1000);
console.log(`template text variants in worker order (${workerCatalog.length} items × ${segments.length} segments, with siblings): ${workerTextRate.toFixed(1)}/s`);

const firstItem = dataset.items[0]!;
const source = await renderDemoImage(firstItem.image, { width: 3000, height: 2000 });
const young = segments.find((segment) => segment.name === 'Young adults 18–29')!;
const ROUNDS = 5;
const ratios: number[] = [];
// What the image checks cost: the measuring pass (contrast + ink) over a variant's final pixels, with the layers drawn on them.
const sample4 = await renderImageVariants({ sourceImage: source, headline: firstItem.title, item: firstItem, segment: young, formats: FORMATS, engine: 'sharp' });
const layersByFormat = await overlaysByFormat(FORMATS, { headline: firstItem.title, fontScale: young.style.visual.fontScale });
const finalPixels = await Promise.all(
  sample4.renditions.map(async (rendition) => {
    const { data, info } = await sharp(rendition.buffer).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { rendition, image: { data, width: info.width, height: info.height } };
  }),
);
const checkShares: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const baseline = await rate('bare sharp resize to the 4 sizes (baseline)', 10, () =>
    Promise.all(
      FORMATS.map((format) => encoderFor(sharp(source).resize(CHANNEL_FORMATS[format].width, CHANNEL_FORMATS[format].height), 'webp', FIRST_QUALITY).toBuffer()),
    ),
  );
  const images = await rate('sharp image variants, 4 formats each', 10, () =>
    renderImageVariants({ sourceImage: source, headline: firstItem.title, item: firstItem, segment: young, formats: FORMATS, engine: 'sharp' }),
  );
  ratios.push(images / baseline);
  const checks = await rate('image checks alone over the 4 renditions', 10, () =>
    Promise.resolve(finalPixels.map(({ rendition, image }) => measurePixels(image, rendition.bytes, rendition.channelFormat, layersByFormat.get(rendition.channelFormat) ?? []))),
  );
  // Rates are per second: a variant's share spent checking is the variant rate over the checks' rate.
  checkShares.push(images / checks);
}
clearInterval(timer);
sample();
const sorted = [...ratios].sort((a, b) => a - b);
console.log(
  `image variants vs bare resize: median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(2)}× of ${ROUNDS} rounds ` +
    `(min ${sorted[0]!.toFixed(2)}, max ${sorted[ROUNDS - 1]!.toFixed(2)}; target ≥ 0.6)`,
);
const shares = [...checkShares].sort((a, b) => a - b);
console.log(`image checks: median ${(100 * shares[Math.floor(ROUNDS / 2)]!).toFixed(0)} % of an image variant's time (min ${(100 * shares[0]!).toFixed(0)} %, max ${(100 * shares[ROUNDS - 1]!).toFixed(0)} %)`);
console.log(
  `template text: ${textRate.toFixed(0)} variants/s, ${workerTextRate.toFixed(0)} in worker order; grammar + attribution checks: ${languageMedian.toFixed(2)}× the throughput without them; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);
