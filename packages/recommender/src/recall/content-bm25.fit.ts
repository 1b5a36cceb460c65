import type { ItemCatalogIndex } from '../model/item-catalog.index.js';
import { NeighbourLists } from '../model/neighbour-lists.js';
import type { RecommenderConfig } from '../recommender.types.js';
import { tokenize } from './text-tokenizer.js';

/** Terms of an item used as its query: the most distinctive ones by tf·idf. */
const QUERY_TERMS = 12;
/** Terms found in more than this share of items (and in more than MIN_SKIPPED_DF) say little and cost the most to score; skipped. */
const MAX_DOCUMENT_FREQUENCY = 0.25;
const MIN_SKIPPED_DF = 50;
/** Body text beyond this is not indexed: the opening says what an item is about. */
const BODY_CHARS = 4_000;

/**
 * Content similarity by BM25 over title, tags and body (field-weighted term frequencies): each
 * item's top terms are its query, and its best-scoring other items become its content neighbours.
 * This is what lets brand-new items, with no interactions, be recalled.
 */
export function fitContentBm25(catalog: ItemCatalogIndex, config: RecommenderConfig['content']): NeighbourLists {
  const n = catalog.size;
  const vocabulary = new Map<string, number>();
  const docTerms: Map<number, number>[] = [];
  const docLength = new Float64Array(n);
  const documentFrequency: number[] = [];
  const { fieldWeights } = config;

  catalog.items.forEach((item, d) => {
    const tf = new Map<number, number>();
    const add = (text: string, weight: number) => {
      for (const token of tokenize(text)) {
        let term = vocabulary.get(token);
        if (term === undefined) {
          vocabulary.set(token, (term = vocabulary.size));
          documentFrequency.push(0);
        }
        tf.set(term, (tf.get(term) ?? 0) + weight);
        docLength[d] = (docLength[d] as number) + weight;
      }
    };
    add(item.title, fieldWeights.title);
    add(item.tags.join(' '), fieldWeights.tags);
    add(item.body.slice(0, BODY_CHARS), fieldWeights.body);
    for (const term of tf.keys()) documentFrequency[term] = (documentFrequency[term] as number) + 1;
    docTerms[d] = tf;
  });

  const avgLength = docLength.reduce((a, b) => a + b, 0) / n || 1;
  const idf = documentFrequency.map((df) => Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  const postings: { docs: number[]; tfs: number[] }[] = documentFrequency.map(() => ({ docs: [], tfs: [] }));
  docTerms.forEach((tf, d) => {
    for (const [term, f] of tf) {
      const posting = postings[term] as { docs: number[]; tfs: number[] };
      posting.docs.push(d);
      posting.tfs.push(f);
    }
  });
  const maxDf = Math.max(MIN_SKIPPED_DF, MAX_DOCUMENT_FREQUENCY * n);
  const { bm25K1: k1, bm25B: b } = config;

  return NeighbourLists.build(n, config.neighbours, (d, scratch, touched) => {
    const tf = docTerms[d];
    if (!tf) return;
    const query = [...tf]
      .filter(([term]) => (documentFrequency[term] as number) <= maxDf)
      .sort((x, y) => y[1] * (idf[y[0]] as number) - x[1] * (idf[x[0]] as number))
      .slice(0, QUERY_TERMS);
    for (const [term] of query) {
      const posting = postings[term] as { docs: number[]; tfs: number[] };
      const w = idf[term] as number;
      for (let p = 0; p < posting.docs.length; p++) {
        const other = posting.docs[p] as number;
        const f = posting.tfs[p] as number;
        if (scratch[other] === 0) touched.push(other);
        scratch[other] = (scratch[other] as number) + (w * f * (k1 + 1)) / (f + k1 * (1 - b + (b * (docLength[other] as number)) / avgLength));
      }
    }
  });
}
