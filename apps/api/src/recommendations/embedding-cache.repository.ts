import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray } from 'drizzle-orm';
import type { EmbeddingCachePort } from '@persona/recommender';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { itemEmbeddings } from '../db/schema.js';

const CHUNK = 500;

/** The recommender's embedding cache, in the database so vectors survive restarts and are paid for once. */
@Injectable()
export class EmbeddingCacheRepository implements EmbeddingCachePort {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  async getMany(model: string, keys: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (let start = 0; start < keys.length; start += CHUNK) {
      const rows = await this.handle.db
        .select({ key: itemEmbeddings.key, vector: itemEmbeddings.vector })
        .from(itemEmbeddings)
        .where(and(eq(itemEmbeddings.model, model), inArray(itemEmbeddings.key, keys.slice(start, start + CHUNK))));
      for (const row of rows) found.set(row.key, Float32Array.from(row.vector));
    }
    return found;
  }

  async putMany(model: string, entries: readonly { key: string; vector: Float32Array }[]): Promise<void> {
    for (let start = 0; start < entries.length; start += CHUNK) {
      await this.handle.db
        .insert(itemEmbeddings)
        .values(entries.slice(start, start + CHUNK).map((e) => ({ model, key: e.key, vector: Array.from(e.vector) })))
        .onConflictDoNothing();
    }
  }
}
