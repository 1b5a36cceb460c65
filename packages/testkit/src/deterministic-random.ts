import { createHash } from 'node:crypto';
import { mulberry32 } from '@persona/shared';

/** A 32-bit seed from any text: the same text always drives the same fake answer. */
export function seedFromText(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

/** Fake answers vary with their seed, and repeat for the same one. */
export const createRandom = mulberry32;

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('pick() needs at least one value');
  return value;
}
