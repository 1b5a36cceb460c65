import type { SeededRandom } from '../../seeded-random.js';

/** What a Spanish composer writes: the item's title and paragraphs in Spanish. */
export interface SpanishArticle {
  title: string;
  paragraphs: string[];
}

/** Writes one subject's article in Spanish from the figures its English article states. */
export type SpanishComposer = (subjectName: string, angle: string, facts: Readonly<Record<string, number>>, rng: SeededRandom) => SpanishArticle | null;

/** "1.250" and "12,50": Spanish groups thousands with a point and writes decimals with a comma. */
export function numero(value: number): string {
  const fixed = Number.isInteger(value) ? value.toFixed(0) : value.toFixed(2);
  const [whole = '', cents] = fixed.split('.');
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : whole;
  return cents === undefined ? grouped : `${grouped},${cents}`;
}

/** One decimal with a comma, without a trailing ",0": "4,5", "3". */
export function decimal(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',');
}

export function pick<T>(rng: SeededRandom, options: readonly (() => T)[]): T {
  return rng.pick(options)();
}

/** "a", "a y b", "a, b y c" ("e" before a word that starts with the sound "i"). */
export function lista(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  const last = parts[parts.length - 1] ?? '';
  const conjunction = /^h?i(?![aeouáéóú])/i.test(last) ? 'e' : 'y';
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${last}`;
}

export function mayuscula(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a el barrio" → "al barrio", "de el centro" → "del centro": the contractions Spanish requires (never before the name "El Salvador"). */
export function contracciones(text: string): string {
  return text.replace(/\b([aA]|[dD]e) el\b/g, (_match, preposition: string) => (preposition.toLowerCase() === 'a' ? `${preposition}l` : `${preposition.charAt(0)}el`));
}

/** "explicado", "explicada", "explicados", "explicadas": a participle agreeing with a noun phrase, read from its article (masculine singular without one). */
export function concuerda(participio: string, sustantivo: string): string {
  const stem = participio.slice(0, -1);
  const articulo = /^(el|la|los|las)\s/i.exec(sustantivo)?.[1]?.toLowerCase();
  const plural = articulo === 'los' || articulo === 'las' || (articulo === undefined && /^\p{L}+s\s/u.test(sustantivo));
  const femenino = articulo === 'la' || articulo === 'las' || (articulo === undefined && /^\p{L}+as?\s/u.test(sustantivo) && !/^cómo\s/i.test(sustantivo));
  return `${stem}${femenino ? 'a' : 'o'}${plural ? 's' : ''}`;
}
