/**
 * Where item embedding vectors are kept between fits, so each item text is embedded once per
 * model. The API backs it with the database; `InMemoryEmbeddingCache` serves tests and the CLI.
 * Keys are content hashes of the embedded text.
 */
export interface EmbeddingCachePort {
  getMany(model: string, keys: readonly string[]): Promise<Map<string, Float32Array>>;
  putMany(model: string, entries: readonly { key: string; vector: Float32Array }[]): Promise<void>;
}

export class InMemoryEmbeddingCache implements EmbeddingCachePort {
  private readonly vectors = new Map<string, Float32Array>();

  async getMany(model: string, keys: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (const key of keys) {
      const vector = this.vectors.get(`${model}\u0000${key}`);
      if (vector) found.set(key, vector);
    }
    return found;
  }

  async putMany(model: string, entries: readonly { key: string; vector: Float32Array }[]): Promise<void> {
    for (const { key, vector } of entries) this.vectors.set(`${model}\u0000${key}`, vector);
  }
}
