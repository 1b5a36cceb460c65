/**
 * A pure function of a string, memoised. The map is emptied when it reaches `limit` entries: the
 * engines revisit the same texts within one item (its sentences, its sibling variants) and then
 * move on, so a periodic clear keeps memory bounded at no cost to the hit rate that matters.
 * Callers must treat what it returns as read-only: the same object is handed out on every hit.
 */
export function memoizeByString<T>(compute: (key: string) => T, limit: number): StringMemo<T> {
  const cache = new Map<string, T>();
  const remember = (key: string, value: T) => {
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
  };
  const memoised = (key: string): T => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    if (cache.size >= limit) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
  return Object.assign(memoised, { remember });
}

export interface StringMemo<T> {
  (key: string): T;
  /** Stores what `compute(key)` returns, for a caller that worked it out another way: the next call reads it from here. */
  remember(key: string, value: T): void;
}
