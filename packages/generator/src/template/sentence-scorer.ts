import type { TSegmentStyle } from '@persona/shared';
import { memoizeByString } from '../text/string-memo.js';
import { contentStems } from './content-stems.js';
import type { SourceSentence } from './source-sentences.js';

const FACT_WEIGHT: Record<TSegmentStyle['tone'], number> = {
  authoritative: 0.3,
  energetic: 0.15,
  playful: 0.15,
  warm: 0.12,
  plain: 0.1,
  calm: 0.04,
};

/**
 * Actions and the key facts a reader needs to act on them (quantities, times, amounts, rates,
 * prices) rank above context and trivia for every reader, short texts included: the weight is
 * the whole range of the other terms, so trivia only fills what room is left.
 */
const ROLE_WEIGHT = { step: 1, 'key-fact': 1, context: 0 } as const;

export interface ScoredSentence extends SourceSentence {
  score: number;
  grade: number;
}

/**
 * Ranks sentences for one segment: how central the sentence is to the item (shared vocabulary
 * with the rest of it, its title above all), where it sits, how many facts it carries (valued by
 * tone: professionals want the figures, calm readers fewer of them), how close it is to the
 * reader's grade, and how much it speaks to the segment's persona.
 */
export function scoreSentences(
  sentences: readonly SourceSentence[],
  title: string,
  style: TSegmentStyle,
  personaText: string,
): ScoredSentence[] {
  const centrality = relativeCentrality(sentences);
  const titleStems = stemSet(title);
  const personaStems = stemSet(personaText);
  const factWeight = FACT_WEIGHT[style.tone];
  return sentences.map((sentence, index) => {
    const { profile } = sentence;
    const { grade } = profile;
    const firstInParagraph = index === 0 || sentences[index - 1]?.paragraph !== sentence.paragraph;
    const gradeGap = Math.max(0, grade - style.readingGrade - 3);
    const score =
      (centrality[index] ?? 0) +
      (index === 0 ? 0.35 : firstInParagraph ? 0.15 : 0) +
      profile.facts * factWeight +
      ROLE_WEIGHT[profile.role] +
      0.15 * countIn(profile.stems, titleStems) +
      // Each persona stem counts once, however often the sentence repeats it.
      0.2 * countIn(profile.distinctStems, personaStems) -
      (style.readingGrade <= 8 ? 0.05 * gradeGap : 0) -
      0.04 * Math.abs(grade - style.readingGrade);
    return { text: sentence.text, position: sentence.position, paragraph: sentence.paragraph, profile, score, grade };
  });
}

function countIn(words: readonly string[], set: ReadonlySet<string>): number {
  let count = 0;
  for (const word of words) if (set.has(word)) count++;
  return count;
}

/**
 * How central each sentence is to the item (the stems it shares with the other sentences), as a
 * share of the most central one's. It depends on the sentences alone, so it is worked out once
 * per prepared list (the same list serves every segment with the same avoided terms).
 */
function relativeCentrality(sentences: readonly SourceSentence[]): readonly number[] {
  let shares = centralityByList.get(sentences);
  if (shares !== undefined) return shares;
  const frequency = new Map<string, number>();
  const stemsBySentence = sentences.map((sentence) => sentence.profile.stems);
  for (const stems of stemsBySentence) for (const word of new Set(stems)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const centrality = stemsBySentence.map(
    (stems) => stems.reduce((sum, word) => sum + (frequency.get(word) ?? 0) - 1, 0) / Math.sqrt(stems.length + 1),
  );
  const maxCentrality = Math.max(1, ...centrality);
  shares = centrality.map((value) => value / maxCentrality);
  centralityByList.set(sentences, shares);
  return shares;
}
const centralityByList = new WeakMap<readonly SourceSentence[], readonly number[]>();

/** The distinct stems of a title or a persona, which every sentence is matched against. */
const stemSet = memoizeByString((text): ReadonlySet<string> => new Set(contentStems(text)), 1_000);
