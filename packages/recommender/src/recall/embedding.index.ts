import { createHash } from 'node:crypto';
import type { LlmClient } from '@persona/llm';
import type { ItemCatalogIndex } from '../model/item-catalog.index.js';
import type { EmbeddingFitReport } from '../recommender.types.js';
import type { EmbeddingCachePort } from './embedding-cache.port.js';

/** Texts per embeddings request. */
const EMBED_BATCH = 64;
/** Item text sent for embedding: enough to say what the item is about, cheap to embed. */
const EMBED_BODY_CHARS = 600;

export interface EmbeddingOptions {
  llm: LlmClient;
  cache: EmbeddingCachePort;
  /** Embedding model: also part of the cache key, so vectors of another model are never reused. */
  model: string;
}


function embeddingText(title: string, tags: readonly string[], body: string): string {
  return `${title}\n${tags.join(', ')}\n${body.slice(0, EMBED_BODY_CHARS)}`;
}

/** Unit-length item vectors in one row-major Float32Array; scores are dot products. */
export class EmbeddingIndex {
  private constructor(
    readonly dimensions: number,
    private readonly matrix: Float32Array,
    readonly report: EmbeddingFitReport,
  ) {}

  /** Embeds every item whose vector is not cached yet (and caches it); the rest come from the cache. */
  static async build(catalog: ItemCatalogIndex, options: EmbeddingOptions): Promise<EmbeddingIndex> {
    const texts = catalog.items.map((item) => embeddingText(item.title, item.tags, item.body));
    const keys = texts.map((text) => createHash('sha256').update(text).digest('hex'));
    const cached = await options.cache.getMany(options.model, keys);
    const missing = keys.map((key, i) => (cached.has(key) ? -1 : i)).filter((i) => i >= 0);
    let tokens = 0;
    for (let start = 0; start < missing.length; start += EMBED_BATCH) {
      const batch = missing.slice(start, start + EMBED_BATCH);
      const result = await options.llm.embed(batch.map((i) => texts[i] as string), options.model);
      tokens += result.usage.promptTokens;
      const entries = batch.map((i, k) => ({ key: keys[i] as string, vector: Float32Array.from(result.vectors[k] ?? []) }));
      for (const entry of entries) cached.set(entry.key, entry.vector);
      await options.cache.putMany(options.model, entries);
    }
    const dimensions = Math.max(0, ...[...cached.values()].map((v) => v.length));
    const matrix = new Float32Array(catalog.size * dimensions);
    keys.forEach((key, i) => {
      const vector = cached.get(key);
      if (!vector || vector.length !== dimensions) return;
      let norm = 0;
      for (const x of vector) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dimensions; d++) matrix[i * dimensions + d] = (vector[d] as number) / norm;
    });
    return new EmbeddingIndex(dimensions, matrix, {
      model: options.model,
      embedded: missing.length,
      fromCache: keys.length - missing.length,
      tokens,
    });
  }

  get bytes(): number {
    return this.matrix.byteLength;
  }

  /** Cosine of every item with the weighted mean of the given items' vectors, into `out`. */
  scoreAgainst(items: readonly number[], weights: readonly number[], out: Float32Array): void {
    const dims = this.dimensions;
    const profile = new Float32Array(dims);
    items.forEach((item, k) => {
      const w = weights[k] as number;
      for (let d = 0; d < dims; d++) profile[d] = (profile[d] as number) + w * (this.matrix[item * dims + d] as number);
    });
    let norm = 0;
    for (const x of profile) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const count = out.length;
    for (let i = 0; i < count; i++) {
      let dot = 0;
      const base = i * dims;
      for (let d = 0; d < dims; d++) dot += (profile[d] as number) * (this.matrix[base + d] as number);
      out[i] = dot / norm;
    }
  }
}
