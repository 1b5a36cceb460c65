/**
 * Spanish sentences of one line. A sentence ends at ".", "?", "!" or "…" followed by a space and
 * the start of another sentence: a capital, a digit, an opening "¿" or "¡", or a quote. Not at a
 * decimal point ("3.5"), not after the abbreviations Spanish writes with a stop before a capital
 * or a number ("Sr. García", "aprox. 20", "p. ej. Madrid", "EE. UU."), and not at a "?" or "!"
 * that closes a question inside a sentence ("¿vienes?, preguntó").
 */
export function splitSpanishSentences(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of line.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[1]!.length;
    const before = line.slice(start, match.index ?? 0);
    if (match[1]!.startsWith('.') && endsWithAbbreviation(before)) continue;
    const sentence = line.slice(start, end).trim();
    if (sentence !== '') sentences.push(sentence);
    start = end;
  }
  const rest = line.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

/** Sentences of a text: line breaks end a sentence too (a list item is one), as the English counts do. */
export function spanishSentencesOf(text: string): string[] {
  return text.split(/\n+/).flatMap(splitSpanishSentences);
}

/** The stop(s), then closing quotes or brackets, then space, then what opens a sentence. */
const SENTENCE_END = /([.?!…]+[»"”’)]*)(?=\s+[¿¡«"“(]?[\p{Lu}\d])/gu;

/** Abbreviations that take a stop and are followed by a capital or a number in running Spanish. */
const ABBREVIATIONS = new Set([
  'sr', 'sra', 'srta', 'sres', 'dr', 'dra', 'd', 'dña', 'ud', 'uds', 'vd', 'vds', 'prof', 'profa', 'lic', 'ing', 'arq',
  'av', 'avda', 'pl', 'pza', 'núm', 'pág', 'págs', 'p', 'ej', 'aprox', 'cap', 'vol', 'tel', 'ee', 'uu', 'art', 'dpto',
  'depto', 'cía', 'fig',
]);

function endsWithAbbreviation(text: string): boolean {
  const word = /(\p{L}+)$/u.exec(text)?.[1];
  return word !== undefined && ABBREVIATIONS.has(word.toLowerCase());
}
