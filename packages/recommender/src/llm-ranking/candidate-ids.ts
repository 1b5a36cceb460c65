import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/**
 * Short ids for candidates in a prompt: a letter, two letters-or-digits and a digit, derived from a
 * hash of the item id so an item keeps its id across passes and requests (cache-friendly) and
 * never reads like a list number. Collisions inside one list get the next hash round.
 */
export function shortCandidateIds(itemIds: readonly string[]): string[] {
  const used = new Set<string>();
  return itemIds.map((itemId) => {
    for (let round = 0; ; round++) {
      const digest = createHash('sha256').update(`${round}:${itemId}`).digest();
      const mixed = ALPHABET + DIGITS;
      const id =
        (ALPHABET[(digest[0] as number) % ALPHABET.length] as string) +
        (mixed[(digest[1] as number) % mixed.length] as string) +
        (mixed[(digest[2] as number) % mixed.length] as string) +
        (DIGITS[(digest[3] as number) % DIGITS.length] as string);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  });
}
