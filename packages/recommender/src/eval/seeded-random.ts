import { createHash } from 'node:crypto';
import { mulberry32 } from '@persona/shared';

/** A seedable generator (text seeds are hashed), so samples and shuffles repeat run to run. */
export function seededRandom(seed: number | string): () => number {
  return mulberry32(typeof seed === 'number' ? seed : createHash('sha256').update(seed).digest().readUInt32LE(0));
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
