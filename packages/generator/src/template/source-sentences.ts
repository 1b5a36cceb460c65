import type { SourceItem } from '../generation-input.types.js';
import { redactPii } from '../guardrails/pii-redactor.js';
import { containsInstructionText } from '../guardrails/prompt-injection.detector.js';
import { stripMarkup } from '../text/markup-sanitizer.js';
import { memoizeByString } from '../text/string-memo.js';
import { splitParagraphs } from '../text/text-statistics.js';
import { SentenceProfile } from './sentence-profile.js';

export interface SourceSentence {
  text: string;
  /** Document order, kept so extracts read in the author's order. */
  position: number;
  paragraph: number;
  /** What is known about the sentence, shared by every segment of the item. */
  profile: SentenceProfile;
}

export interface PreparedSource {
  sentences: readonly SourceSentence[];
  /** Sentences left out because they address a model or use a term the segment avoids. */
  dropped: readonly { text: string; why: 'instruction' | 'avoided term' }[];
  /** Words the source writes in lowercase somewhere: such a word may be lowercased when sentences are joined. */
  lowercaseWords: ReadonlySet<string>;
}

/**
 * The item's body as clean sentences: no markup, no personal data, no instructions, no avoided
 * terms. Segments whose avoided terms leave out the same sentences get the very same lists,
 * read-only, so what is worked out from a list (its sentences' centrality) is worked out once.
 */
export function prepareSource(item: SourceItem, avoid: readonly string[]): PreparedSource {
  const body = analyseBody(item.body);
  const avoided = body.sentences.filter(({ profile }) => avoid.some((term) => profile.mentions(term)));
  const key = avoided.map(({ index }) => index).join(',');
  let prepared = body.preparedByAvoided.get(key);
  if (prepared === undefined) {
    // Few segments meet one item; a caller inventing avoid lists cannot grow this without bound.
    if (body.preparedByAvoided.size >= 32) body.preparedByAvoided.clear();
    prepared = selectSentences(body, new Set(avoided));
    body.preparedByAvoided.set(key, prepared);
  }
  return prepared;
}

function selectSentences(body: AnalysedBody, avoided: ReadonlySet<BodySentence>): PreparedSource {
  const sentences: SourceSentence[] = [];
  const dropped: PreparedSource['dropped'][number][] = [];
  for (const sentence of body.sentences) {
    const { text } = sentence.profile;
    if (sentence.instruction) dropped.push({ text, why: 'instruction' });
    else if (avoided.has(sentence)) dropped.push({ text, why: 'avoided term' });
    else if (!text.includes('removed]')) sentences.push({ text, position: sentences.length, paragraph: sentence.paragraph, profile: sentence.profile });
  }
  return { sentences, dropped, lowercaseWords: body.lowercaseWords };
}

interface BodySentence {
  profile: SentenceProfile;
  /** Where it is in the body, and in which paragraph. */
  index: number;
  paragraph: number;
  /** It addresses a model: left out for every segment. */
  instruction: boolean;
}

interface AnalysedBody {
  sentences: readonly BodySentence[];
  lowercaseWords: ReadonlySet<string>;
  /** By the indices of the sentences a segment's avoided terms leave out. */
  preparedByAvoided: Map<string, PreparedSource>;
}

/**
 * What does not depend on the segment — cleaning, sentence splitting, the instruction scan — done
 * once per body: every segment (and every redraft) of an item starts from the same sentences.
 */
const analyseBody = memoizeByString((body: string): AnalysedBody => {
  const clean = redactPii(stripMarkup(body).text).redacted;
  const sentences = splitParagraphs(clean).flatMap((paragraph, paragraphIndex) =>
    paragraph.map((text) => ({ profile: new SentenceProfile(text), paragraph: paragraphIndex, instruction: containsInstructionText(text) })),
  );
  return {
    sentences: sentences.map((sentence, index) => ({ ...sentence, index })),
    lowercaseWords: new Set(clean.match(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu) ?? []),
    preparedByAvoided: new Map(),
  };
}, 500);
