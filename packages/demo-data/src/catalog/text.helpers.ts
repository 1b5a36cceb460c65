import type { SeededRandom } from '../seeded-random.js';

/** Picks one phrasing; variants are thunks so only the chosen one draws from the RNG. */
export function oneOf(rng: SeededRandom, variants: readonly (() => string)[]): string {
  return rng.pick(variants)();
}

/** "a", "a and b", "a, b and c". */
export function listOf(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * "1 litre", "3 litres", "1 full rest day": a count and the noun phrase after it, agreeing in
 * number. The phrase is given in the plural; every one the catalog counts is regular (a final "s"),
 * and a unit written in capitals ("Mbps") is the same for one or many.
 */
export function countOf(count: number, plural: string): string {
  const singular = count === 1 && /[a-z]s$/.test(plural) ? plural.slice(0, -1) : plural;
  return `${count} ${singular}`;
}

export function fahrenheit(celsius: number): number {
  return Math.round((celsius * 9) / 5 + 32);
}

export function miles(km: number): number {
  return Math.round(km * 0.621371 * 10) / 10;
}

/** "$1,250" or "€3.50"; formatted by hand so output never depends on the ICU build. */
export function money(amount: number, symbol: string): string {
  const fixed = Number.isInteger(amount) ? amount.toFixed(0) : amount.toFixed(2);
  const [whole = '', cents] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${symbol}${grouped}${cents === undefined ? '' : `.${cents}`}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}
