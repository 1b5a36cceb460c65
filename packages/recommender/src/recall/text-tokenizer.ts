const STOPWORDS = new Set(
  'a an and are as at be but by for from has have how in into is it its of on or our so than that the their then there these this to up was we what when which who why will with you your part series vol'.split(' '),
);

/** Lower-cased word tokens without stopwords, with a light plural strip so "recipes" meets "recipe". */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOPWORDS.has(raw)) continue;
    tokens.push(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return tokens;
}
