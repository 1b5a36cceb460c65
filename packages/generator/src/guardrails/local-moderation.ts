/**
 * The moderation list used when no moderation endpoint is configured: unambiguous terms by
 * category (OpenAI's category names), matched as whole words. Deliberately short — words like
 * "kill" would flag gardening and cooking copy ("kill the weeds", "shoot" of a plant).
 */
const TERMS: Readonly<Record<string, readonly string[]>> = {
  violence: ['murder', 'murdered', 'massacre', 'behead', 'beheaded', 'slaughter people', 'shoot them'],
  'violence/graphic': ['gore', 'dismember', 'dismembered', 'mutilate', 'mutilated'],
  hate: ['subhuman', 'vermin', 'ethnic cleansing', 'genocide'],
  harassment: ['idiot', 'idiots', 'loser', 'losers', 'moron', 'morons', 'worthless'],
  'self-harm': ['suicide', 'self-harm', 'kill yourself', 'cut yourself'],
  sexual: ['porn', 'porno', 'pornography', 'xxx', 'nude', 'nudes'],
  illicit: ['meth', 'cocaine', 'heroin', 'counterfeit', 'launder money'],
};

/** What the list covers, for a report to say what it actually checked. */
export const LOCAL_MODERATION_COVERAGE = `${Object.values(TERMS).flat().length} whole-word terms in ${Object.keys(TERMS).length} categories (${Object.keys(TERMS).join(', ')})`;

interface TermPattern {
  term: string;
  /** No pattern syntax in the term: where it is not a substring of the text, it cannot be a word of it. */
  plain: boolean;
  pattern: RegExp;
}

/** Each term's whole-word pattern, compiled once rather than on every check. */
const PATTERNS: readonly (readonly [string, readonly TermPattern[]])[] = Object.entries(TERMS).map(([category, terms]) => [
  category,
  terms.map((term) => ({ term, plain: !/[.*+?^${}()|[\]\\]/.test(term), pattern: new RegExp(`(?<![\\p{L}])${term}(?![\\p{L}])`, 'u') })),
]);

/**
 * Every plain term at once, as a substring: clean text (nearly all of it) is passed in one search
 * instead of one per term. Where it matches, each term is looked at as before.
 */
const ANY_PLAIN_TERM = new RegExp(
  // A plain term holds no pattern syntax, so it stands for itself in the alternation.
  PATTERNS.flatMap(([, terms]) => terms.filter(({ plain }) => plain).map(({ term }) => term)).join('|') || '(?!)',
);

/** Categories whose terms appear in the text (empty when clean). The substring search first: far cheaper than the pattern. */
export function moderateLocally(text: string): string[] {
  const lower = text.toLowerCase();
  const anyPlain = ANY_PLAIN_TERM.test(lower);
  const found = ({ term, plain, pattern }: TermPattern) => (plain ? anyPlain && lower.includes(term) : true) && pattern.test(lower);
  return PATTERNS.filter(([, terms]) => terms.some(found)).map(([category]) => category);
}
