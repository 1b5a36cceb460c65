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

/** Categories whose terms appear in the text (empty when clean). */
export function moderateLocally(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.entries(TERMS)
    .filter(([, terms]) => terms.some((term) => new RegExp(`(?<![\\p{L}])${term}(?![\\p{L}])`, 'u').test(lower)))
    .map(([category]) => category);
}
