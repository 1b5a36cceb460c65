import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

/**
 * The language franc-min 6.2.0 detects (`franc(text, { minLength })`, ISO 639-3 or `und`), from its
 * own script expressions and trigram models, computed the same way but faster.
 *
 * Why not call franc: it scores the text against every language of its script by looking each
 * of the text's ~400 trigrams up in each of ~44 trigram tables, and ranks all of them — about
 * 1.5 ms per variant body, more than the rest of the template engine. Here each trigram of the
 * text is looked up once, in an index from trigram to the languages that have it, and only the
 * best language is kept. The arithmetic is franc's (integer distances, ties to the language
 * listed first, as its stable sort does), so the answer is the same;
 * `test/language-detector.test.ts` compares the two.
 */
export function detectLanguage(text: string, minLength: number): string {
  if (text.length < minLength || text === '') return UNDETERMINED;
  const sample = text.slice(0, MAX_LENGTH);
  const [script, share] = topScript(sample);
  const model = script === undefined ? undefined : scriptModel(script);
  if (model === undefined) return script === undefined || share === 0 ? UNDETERMINED : script;
  return closestLanguage(sample, model);
}

const UNDETERMINED = 'und';
/** franc's sample length and the distance it adds for a trigram a language does not have. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** The script whose characters occur most (first listed wins a tie), with its share of the text. */
function topScript(sample: string): [string | undefined, number] {
  let top: string | undefined;
  let topShare = -1;
  for (const [script, expression] of Object.entries(expressions)) {
    const share = (sample.match(expression)?.length ?? 0) / sample.length || 0;
    if (share > topShare) {
      topShare = share;
      top = script;
    }
  }
  return [top, topShare];
}

/** franc's `clean` (trigram-utils): digits, punctuation and symbols out, whitespace collapsed, lowercased, then padded. */
function cleanSample(sample: string): string {
  return ` ${sample.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
}

interface ScriptModel {
  /** In franc's order: the order that breaks ties. */
  languages: readonly string[];
  /** Trigrams of three code units below 1024 (Latin and its marks), packed into one small integer: the common case, no string made. */
  packedIds: ReadonlyMap<number, number>;
  /** Every other trigram (Cyrillic, Arabic, Devanagari), by its text. */
  textIds: ReadonlyMap<string, number>;
  /** The (language index, rank) pairs of trigram `id` are `pairs[offsets[id]]` up to `pairs[offsets[id + 1]]`. */
  offsets: Int32Array;
  pairs: Int32Array;
  /** Scratch: occurrences per trigram id in the text being scored, zeroed again after each text. */
  counts: Int32Array;
}

const PACKED_LIMIT = 1024;
const pack = (first: number, second: number, third: number) => (first << 20) | (second << 10) | third;

const models = new Map<string, ScriptModel | undefined>();

/** The trigram index of a script's languages, built on first use; undefined for a script franc has no models for. */
function scriptModel(script: string): ScriptModel | undefined {
  if (models.has(script)) return models.get(script);
  const languages = Object.hasOwn(data, script) ? data[script] : undefined;
  const model = languages === undefined ? undefined : buildModel(languages);
  models.set(script, model);
  return model;
}

function buildModel(languages: Record<string, string>): ScriptModel {
  const names = Object.keys(languages);
  const ranksByTrigram = new Map<string, number[]>();
  names.forEach((name, languageIndex) => {
    // As franc builds its tables: a trigram listed twice keeps its first (lowest) rank.
    const ranked = new Map<string, number>();
    const trigrams = (languages[name] ?? '').split('|');
    for (let rank = trigrams.length - 1; rank >= 0; rank--) ranked.set(trigrams[rank] ?? '', rank);
    for (const [trigram, rank] of ranked) {
      const entry = ranksByTrigram.get(trigram);
      if (entry === undefined) ranksByTrigram.set(trigram, [languageIndex, rank]);
      else entry.push(languageIndex, rank);
    }
  });
  const packedIds = new Map<number, number>();
  const textIds = new Map<string, number>();
  const offsets = new Int32Array(ranksByTrigram.size + 1);
  const pairs: number[] = [];
  let id = 0;
  for (const [trigram, ranks] of ranksByTrigram) {
    const [first, second, third] = [trigram.charCodeAt(0), trigram.charCodeAt(1), trigram.charCodeAt(2)];
    if (trigram.length === 3 && (first | second | third) < PACKED_LIMIT) packedIds.set(pack(first, second, third), id);
    else textIds.set(trigram, id);
    offsets[id] = pairs.length;
    pairs.push(...ranks);
    id++;
  }
  offsets[id] = pairs.length;
  return { languages: names, packedIds, textIds, offsets, pairs: Int32Array.from(pairs), counts: new Int32Array(id) };
}

/**
 * The language closest to the text by franc's distance: the sum over the text's distinct trigrams
 * of |count − rank − 1| when the language has the trigram, MAX_DIFFERENCE when it does not.
 * Every trigram adds MAX_DIFFERENCE to every language that lacks it, so the distance is
 * (distinct trigrams × MAX_DIFFERENCE) plus, per trigram the language has, |count − rank − 1| −
 * MAX_DIFFERENCE. The first term is the same for all languages and cannot change which is closest,
 * so trigrams no language has are skipped and only the second term is summed (integers, exact).
 */
function closestLanguage(sample: string, model: ScriptModel): string {
  const text = cleanSample(sample);
  const { packedIds, textIds, counts, offsets, pairs } = model;
  const seen: number[] = [];
  for (let index = 0; index + 3 <= text.length; index++) {
    const first = text.charCodeAt(index);
    const second = text.charCodeAt(index + 1);
    const third = text.charCodeAt(index + 2);
    const id = (first | second | third) < PACKED_LIMIT ? packedIds.get(pack(first, second, third)) : textIds.get(text.slice(index, index + 3));
    if (id !== undefined && (counts[id] = (counts[id] ?? 0) + 1) === 1) seen.push(id);
  }
  const distances = new Array<number>(model.languages.length).fill(0);
  for (const id of seen) {
    const count = counts[id] ?? 0;
    counts[id] = 0;
    for (let pair = offsets[id] ?? 0; pair < (offsets[id + 1] ?? 0); pair += 2) {
      const language = pairs[pair] ?? 0;
      distances[language] = (distances[language] ?? 0) + Math.abs(count - (pairs[pair + 1] ?? 0) - 1) - MAX_DIFFERENCE;
    }
  }
  // The first of equally close languages, as franc's stable sort keeps them.
  let best = 0;
  for (let language = 1; language < distances.length; language++) if ((distances[language] ?? 0) < (distances[best] ?? 0)) best = language;
  return model.languages[best] ?? UNDETERMINED;
}
