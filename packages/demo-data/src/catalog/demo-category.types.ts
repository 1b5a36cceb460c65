import type { DemoAttributeValue, DemoMotif } from '../demo-dataset.types.js';
import type { SeededRandom } from '../seeded-random.js';

/** One thing a category writes about (a dish, a city, a plant); its items form a series. */
export interface CategorySubject {
  readonly name: string;
  /** Taste cluster inside the category: users tend to stay inside a few of these. */
  readonly group: string;
  readonly tags: readonly string[];
}

export interface ComposedArticle {
  title: string;
  paragraphs: string[];
  tags: string[];
  attributes: Record<string, DemoAttributeValue>;
  /** The figures the article states, for its Spanish version to state the same ones (see `spanish/`). */
  facts?: Record<string, number>;
}

export interface DemoCategory<S extends CategorySubject = CategorySubject> {
  readonly key: string;
  readonly motif: DemoMotif;
  readonly palettes: readonly (readonly [string, string, string, string])[];
  readonly subjects: readonly S[];
  /** Editorial angles; each subject is written once per angle before any angle repeats. */
  readonly angles: readonly string[];
  /** Titles must differ across angles for the same subject. */
  compose(subject: S, angle: string, rng: SeededRandom): ComposedArticle;
}
