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
  const counts = scriptCounts(sample);
  let top: string | undefined;
  let topShare = -1;
  SCRIPTS.forEach((script, index) => {
    const share = (counts[index] ?? 0) / sample.length || 0;
    if (share > topShare) {
      topShare = share;
      top = script;
    }
  });
  return [top, topShare];
}

const SCRIPTS = Object.keys(expressions);
if (SCRIPTS.length > 31) throw new Error('franc-min lists more scripts than a 32-bit mask below UNKNOWN_SCRIPTS holds');
/** Each expression anchored where it is tried: the same alternatives, matched at one position. */
const STICKY_EXPRESSIONS = Object.values(expressions).map((expression) => new RegExp(expression.source, 'y'));
const UNKNOWN_SCRIPTS = 0x8000_0000;
/** Per BMP code unit, bit `index` set when SCRIPTS[index]'s expression matches that character alone; filled on first use. */
const scriptBits = new Uint32Array(0x10000).fill(UNKNOWN_SCRIPTS);

/**
 * How many matches `sample.match(expressions[script])` finds, for every script in one pass. Why
 * not the regexes: each one walks the whole sample and builds an array of every match (a string
 * per letter), twenty times per body. A character outside the surrogate range can only match an
 * expression's one-character class, so a table answers for it; at a surrogate the expressions'
 * pair alternatives are tried where each regex would try them (after a pair it matched, the next
 * one starts past the low surrogate).
 */
function scriptCounts(sample: string): Int32Array {
  const counts = new Int32Array(SCRIPTS.length);
  let resumeAt: Int32Array | undefined;
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) {
      let bits = scriptBits[code] ?? 0;
      if (bits === UNKNOWN_SCRIPTS) bits = scriptBits[code] = scriptsOfCharacter(String.fromCharCode(code));
      for (let script = 0; bits !== 0; script++, bits >>>= 1) {
        if ((bits & 1) !== 0 && (resumeAt === undefined || index >= (resumeAt[script] ?? 0))) counts[script] = (counts[script] ?? 0) + 1;
      }
      continue;
    }
    resumeAt ??= new Int32Array(SCRIPTS.length);
    for (let script = 0; script < STICKY_EXPRESSIONS.length; script++) {
      const expression = STICKY_EXPRESSIONS[script];
      if (expression === undefined || index < (resumeAt[script] ?? 0)) continue;
      expression.lastIndex = index;
      if (expression.test(sample)) {
        counts[script] = (counts[script] ?? 0) + 1;
        resumeAt[script] = expression.lastIndex;
      }
    }
  }
  return counts;
}

function scriptsOfCharacter(char: string): number {
  let bits = 0;
  STICKY_EXPRESSIONS.forEach((expression, script) => {
    expression.lastIndex = 0;
    if (expression.test(char)) bits |= 1 << script;
  });
  return bits >>> 0;
}

/** franc's `clean` (trigram-utils): digits, punctuation and symbols out, whitespace collapsed, lowercased, then padded. */
function cleanSample(sample: string): string {
  // franc replaces runs of [\u0021-\u0040] by a space, then runs of whitespace by one: every run of either kind ends up one space.
  return ` ${sample.replace(/[\s\u0021-\u0040]+/g, ' ').trim().toLowerCase()} `;
}

interface ScriptModel {
  /** In franc's order: the order that breaks ties. */
  languages: readonly string[];
  /**
   * Trigrams of three code units below 1024 (Latin and its marks), the common case, looked up with
   * no string made and no hashing: `letterIndex` numbers the code units these trigrams use from 1
   * (0 for the rest), and `packedIds[(a × letters + b) × letters + c]` of the three numbers is the
   * trigram's id + 1 (0 when no language has it, as for any trigram with an unnumbered code unit).
   */
  letterIndex: Int32Array;
  letters: number;
  packedIds: Int32Array;
  /** Every other trigram (Cyrillic, Arabic, Devanagari), by its text. */
  textIds: ReadonlyMap<string, number>;
  /** The (language index, rank) pairs of trigram `id` are `pairs[offsets[id]]` up to `pairs[offsets[id + 1]]`. */
  offsets: Int32Array;
  pairs: Int32Array;
  /** Scratch: occurrences per trigram id in the text being scored, zeroed again after each text. */
  counts: Int32Array;
}

const PACKED_LIMIT = 1024;

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
  const isPacked = (trigram: string) => trigram.length === 3 && (trigram.charCodeAt(0) | trigram.charCodeAt(1) | trigram.charCodeAt(2)) < PACKED_LIMIT;
  const letterIndex = new Int32Array(PACKED_LIMIT);
  let letters = 1;
  for (const trigram of ranksByTrigram.keys()) {
    if (!isPacked(trigram)) continue;
    for (let position = 0; position < 3; position++) {
      const code = trigram.charCodeAt(position);
      if (letterIndex[code] === 0) letterIndex[code] = letters++;
    }
  }
  const packedIds = new Int32Array(letters * letters * letters);
  const textIds = new Map<string, number>();
  const offsets = new Int32Array(ranksByTrigram.size + 1);
  const pairs: number[] = [];
  let id = 0;
  for (const [trigram, ranks] of ranksByTrigram) {
    if (isPacked(trigram)) packedIds[packedSlot(letterIndex, letters, trigram, 0)] = id + 1;
    else textIds.set(trigram, id);
    offsets[id] = pairs.length;
    pairs.push(...ranks);
    id++;
  }
  offsets[id] = pairs.length;
  return { languages: names, letterIndex, letters, packedIds, textIds, offsets, pairs: Int32Array.from(pairs), counts: new Int32Array(id) };
}

/** Where the trigram at `index` of `text` (three code units below PACKED_LIMIT) sits in `packedIds`. */
function packedSlot(letterIndex: Int32Array, letters: number, text: string, index: number): number {
  const first = letterIndex[text.charCodeAt(index)] ?? 0;
  const second = letterIndex[text.charCodeAt(index + 1)] ?? 0;
  const third = letterIndex[text.charCodeAt(index + 2)] ?? 0;
  return (first * letters + second) * letters + third;
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
  const { letterIndex, letters, packedIds, textIds, counts, offsets, pairs } = model;
  const seen: number[] = [];
  // The trigram's slot is rolled along (drop the first letter, add the next) rather than computed from three letters each time.
  const window = letters * letters;
  let slot = (letterIndex[text.charCodeAt(0)] ?? 0) * letters + (letterIndex[text.charCodeAt(1)] ?? 0);
  let lastWide = text.charCodeAt(0) >= PACKED_LIMIT ? 0 : text.charCodeAt(1) >= PACKED_LIMIT ? 1 : -1;
  for (let index = 0; index + 3 <= text.length; index++) {
    const third = text.charCodeAt(index + 2);
    if (third >= PACKED_LIMIT) lastWide = index + 2;
    slot = (slot % window) * letters + (letterIndex[third] ?? 0);
    const id = lastWide < index ? (packedIds[slot] ?? 0) - 1 : (textIds.get(text.slice(index, index + 3)) ?? -1);
    if (id >= 0 && (counts[id] = (counts[id] ?? 0) + 1) === 1) seen.push(id);
  }
  const distances = new Int32Array(model.languages.length);
  for (const id of seen) {
    const count = counts[id] ?? 0;
    counts[id] = 0;
    const end = offsets[id + 1] ?? 0;
    for (let pair = offsets[id] ?? 0; pair < end; pair += 2) {
      const language = pairs[pair] ?? 0;
      distances[language] = (distances[language] ?? 0) + Math.abs(count - (pairs[pair + 1] ?? 0) - 1) - MAX_DIFFERENCE;
    }
  }
  // The first of equally close languages, as franc's stable sort keeps them.
  let best = 0;
  for (let language = 1; language < distances.length; language++) if ((distances[language] ?? 0) < (distances[best] ?? 0)) best = language;
  return model.languages[best] ?? UNDETERMINED;
}
