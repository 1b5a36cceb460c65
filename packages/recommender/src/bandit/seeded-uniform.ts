import { mulberry32 } from '@persona/shared';
import type { Uniform } from './beta-sampler.js';

/** FNV-1a over a string: a cheap, stable 32-bit seed for state-keyed samplers. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function seededUniform(seed: number | string): Uniform {
  return mulberry32(typeof seed === 'number' ? seed : seedOf(seed));
}
