import { LRUCache } from 'lru-cache';

export interface CachedAnswer {
  content: string;
  structuredOutput: boolean;
}

/** Where LLM ranking answers are kept, keyed by model and prompt hash. */
export interface RankingResponseCachePort {
  get(key: string): CachedAnswer | undefined;
  set(key: string, answer: CachedAnswer): void;
}

/** In-process LRU with a TTL: a repeated feed request within the TTL costs no tokens. */
export class LruRankingResponseCache implements RankingResponseCachePort {
  private readonly cache: LRUCache<string, CachedAnswer>;

  constructor(options: { maxEntries: number; ttlMs: number }) {
    this.cache = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs });
  }

  get(key: string): CachedAnswer | undefined {
    return this.cache.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.cache.set(key, answer);
  }
}
