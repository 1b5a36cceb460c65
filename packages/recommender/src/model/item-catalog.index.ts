import { RecommenderError } from '../recommender.error.js';
import type { CatalogItem } from '../recommender.types.js';

/** Items under dense integer indices, so every score lives in a typed array. */
export class ItemCatalogIndex {
  readonly ids: readonly string[];
  readonly titles: readonly string[];
  readonly categories: readonly string[];
  readonly publishedAt: Float64Array;
  /** Sorted feature ids per item (its category and its tags), for MMR similarity. */
  readonly features: readonly Int32Array[];
  /** The catalog without repeated ids (the first occurrence wins), in index order. */
  readonly items: readonly CatalogItem[];
  private readonly indexById: Map<string, number>;

  constructor(items: readonly CatalogItem[]) {
    if (items.length === 0) throw new RecommenderError('EMPTY_CATALOG', 'cannot fit a recommender on an empty catalog');
    this.indexById = new Map();
    const unique: CatalogItem[] = [];
    for (const item of items) {
      if (this.indexById.has(item.id)) continue;
      this.indexById.set(item.id, unique.length);
      unique.push(item);
    }
    this.items = unique;
    this.ids = unique.map((item) => item.id);
    this.titles = unique.map((item) => item.title);
    this.categories = unique.map((item) => item.category);
    this.publishedAt = Float64Array.from(unique, (item) => item.publishedAt);
    const featureIds = new Map<string, number>();
    const featureOf = (key: string) => {
      let id = featureIds.get(key);
      if (id === undefined) featureIds.set(key, (id = featureIds.size));
      return id;
    };
    this.features = unique.map((item) =>
      Int32Array.from(new Set([featureOf(`c:${item.category}`), ...item.tags.map((t) => featureOf(`t:${t.toLowerCase()}`))])).sort(),
    );
  }

  get size(): number {
    return this.ids.length;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  idAt(index: number): string {
    return this.ids[index] as string;
  }

  /** Jaccard overlap of category and tags, the similarity MMR diversifies against. */
  featureSimilarity(a: number, b: number): number {
    const fa = this.features[a] as Int32Array;
    const fb = this.features[b] as Int32Array;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < fa.length && j < fb.length) {
      const x = fa[i] as number;
      const y = fb[j] as number;
      if (x === y) {
        shared++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    const union = fa.length + fb.length - shared;
    return union === 0 ? 0 : shared / union;
  }

  get bytes(): number {
    let bytes = this.publishedAt.byteLength;
    for (let i = 0; i < this.size; i++) {
      bytes += 2 * ((this.ids[i] as string).length + (this.titles[i] as string).length) + 64;
      bytes += (this.features[i] as Int32Array).byteLength;
    }
    return bytes;
  }
}
