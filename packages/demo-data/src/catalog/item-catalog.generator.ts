import type { DemoItem } from '../demo-dataset.types.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { DEMO_CATEGORIES } from './demo-categories.js';
import { oneOf, slugify } from './text.helpers.js';
import { SPANISH_COMPOSERS, spanishSeriesSentence } from './spanish/spanish-composers.js';
import { contracciones } from './spanish/spanish-text.helpers.js';
import { SeededRandom } from '../seeded-random.js';

const DAY_MS = 86_400_000;
/** The catalog spans about 18 months of publishing. */
const CATALOG_SPAN_DAYS = 540;

interface Slot {
  category: DemoCategory;
  subject: CategorySubject;
  subjectIndex: number;
  /** 0-based position of this item in its subject's series. */
  part: number;
}

/** Deals items round-robin over categories, then over subjects, then over angles. */
function planSlots(count: number): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < count; i++) {
    const category = DEMO_CATEGORIES[i % DEMO_CATEGORIES.length] as DemoCategory;
    const inCategory = Math.floor(i / DEMO_CATEGORIES.length);
    const subjectIndex = inCategory % category.subjects.length;
    const subject = category.subjects[subjectIndex] as CategorySubject;
    slots.push({ category, subject, subjectIndex, part: Math.floor(inCategory / category.subjects.length) });
  }
  return slots;
}

function seriesSentence(subject: CategorySubject, part: number, length: number, rng: SeededRandom): string {
  const name = subject.name;
  if (part === 0) {
    return oneOf(rng, [
      () => `This opens our ${length}-part ${name} series.`,
      () => `It is part 1 of ${length} in the ${name} series; the next part builds on it.`,
    ]);
  }
  return oneOf(rng, [
    () => `This is part ${part + 1} of ${length} in our ${name} series.`,
    () => `Part ${part + 1} of ${length}: if you missed part ${part}, start there.`,
    () => `It follows on from part ${part} of the ${name} series, which has ${length} parts in all.`,
  ]);
}

export function generateItems(count: number, rng: SeededRandom, now: Date): DemoItem[] {
  const slots = planSlots(count);
  const seriesLength = new Map<string, number>();
  for (const slot of slots) {
    const key = `${slot.category.key}/${slot.subject.name}`;
    seriesLength.set(key, (seriesLength.get(key) ?? 0) + 1);
  }
  const seriesStart = new Map<string, number>();
  const titles = new Set<string>();
  // The Spanish versions draw their phrasing from a stream of their own, so the English catalog is the same with or without them.
  const spanishRng = SeededRandom.derive(count, 'items-es');

  return slots.map((slot, index): DemoItem => {
    const { category, subject, part } = slot;
    const key = `${category.key}/${subject.name}`;
    const length = seriesLength.get(key) ?? 1;
    const angle = category.angles[(part + slot.subjectIndex) % category.angles.length] as string;
    const article = category.compose(subject, angle, rng);

    const volume = Math.floor(part / category.angles.length);
    let title = volume === 0 ? article.title : `${article.title}, Vol. ${volume + 1}`;
    for (let n = 2; titles.has(title); n++) title = `${article.title} (${n})`;
    titles.add(title);

    // Series parts are published in order, one to three weeks apart, and all before `now`.
    let start = seriesStart.get(key);
    if (start === undefined) {
      const latestStart = now.getTime() - (length * 21 + 2) * DAY_MS;
      start = latestStart - rng.int(0, CATALOG_SPAN_DAYS) * DAY_MS;
      seriesStart.set(key, start);
    }
    const publishedAt = new Date(start + part * 14 * DAY_MS + rng.int(0, 6) * DAY_MS + rng.int(6, 20) * 3_600_000);

    const paragraphs = [...article.paragraphs];
    const last = paragraphs.length - 1;
    if (length > 1) paragraphs[last] = `${paragraphs[last]} ${seriesSentence(subject, part, length, rng)}`;
    const spanish = SPANISH_COMPOSERS[category.key]?.(subject.name, angle, article.facts ?? {}, spanishRng) ?? null;
    if (spanish !== null && length > 1) spanish.paragraphs[spanish.paragraphs.length - 1] += ` ${spanishSeriesSentence(part, length)}`;
    const spanishTitle = spanish === null ? '' : volume === 0 ? spanish.title : `${spanish.title}, vol. ${volume + 1}`;

    return {
      externalId: `demo-${category.key}-${String(index + 1).padStart(4, '0')}`,
      title,
      body: paragraphs.join('\n\n'),
      category: category.key,
      tags: [...new Set(article.tags)],
      translations: spanish === null ? {} : { es: { title: spanishTitle, body: contracciones(spanish.paragraphs.join('\n\n')) } },
      publishedAt: publishedAt.toISOString(),
      attributes: {
        ...article.attributes,
        group: `${category.key}/${subject.group}`,
        seriesId: `${category.key}-${slugify(subject.name)}`,
        seriesPart: part + 1,
        seriesLength: length,
      },
      image: {
        motif: category.motif,
        palette: [...rng.pick(category.palettes)] as [string, string, string, string],
        seed: rng.int(1, 2 ** 31 - 1),
      },
    };
  });
}
