import { isAlwaysAbbreviation, isInertClause, stopAfter } from '../text/sentence-boundaries.js';
import { memoizeByString } from '../text/string-memo.js';
import { countsOfLines, gradeOf, readingGrade, rememberCounts, wordCounts, type LineCounts } from '../text/text-statistics.js';
import { bodyText, lineText, type BodyLayout, type SentenceLine } from './body-formatter.js';

/** A candidate body and its reading grade, exactly `readingGrade(bodyText(layout))`. */
export interface GradedLayout {
  layout: BodyLayout;
  grade: number;
  /** The counts the grade comes from, summed over the body's lines; undefined when the body was graded as text. */
  counts: LineCounts | undefined;
}

/**
 * The reading grade of a laid-out body, counted line by line, each line of joined sentences from
 * the clauses they are made of where that gives the line's counts.
 *
 * Why: the engine grades 2 to 4 layouts of every draft, and each joins its sentences into new
 * strings that would be read again character by character. Words and syllables do not depend on
 * where sentences break, and where a line of joined sentences breaks follows from its clauses when
 * none of them can end a sentence inside (`isInertClause`): only the stop closing a joined
 * sentence can, as the word it ends says (`stopAfter`). Other lines are read as text.
 * `test/body-grade.test.ts` compares the grade with `readingGrade` on the demo catalog.
 */
export function gradeLayout(layout: BodyLayout): GradedLayout {
  const counts = layoutCounts(layout);
  return { layout, grade: counts === undefined ? readingGrade(bodyText(layout)) : gradeOf(counts), counts };
}

/** The body's text, its grade remembered: the guardrails grade the variant's body again. */
export function gradedBodyText(graded: GradedLayout): string {
  const text = bodyText(graded.layout);
  if (graded.counts !== undefined) rememberCounts(text, graded.counts);
  return text;
}

/** The counts `readingGrade` sums over the body's lines. */
function layoutCounts(layout: BodyLayout): LineCounts | undefined {
  // The opener, the lines and the recap are lines of their own only if what separates them breaks the line.
  if (!/^\n+$/.test(layout.separator)) return undefined;
  const total = { sentences: 0, words: 0, syllables: 0 };
  add(total, countsOfLines(layout.opener));
  for (const line of layout.recap === null ? layout.lines : [...layout.lines, layout.recap]) {
    const counts = countsFromClauses(line);
    add(total, counts ?? countsOfLines(lineText(line)));
  }
  return total;
}

/**
 * A line of joined sentences (marker + sentences separated by a space, each `clauses.join('; ') + '.'`):
 * its sentences as the scan finds them, the marker's words read with the first. A joined sentence
 * runs on into the next when its closing stop is an abbreviation's; the last one ends with the line.
 * Undefined when that cannot be told from the clauses.
 */
export function countsFromClauses(line: SentenceLine): LineCounts | undefined {
  const marker = markerCounts(line.marker);
  if (marker === null || (line.sentences.length === 0 && line.marker !== '')) return undefined;
  const counts = { sentences: 0, words: marker.words, syllables: marker.syllables };
  let sentenceWords = marker.words;
  for (const [index, clauses] of line.sentences.entries()) {
    let stop: StopAfter | undefined;
    for (const clause of clauses) {
      const facts = clauseFacts(clause);
      if (!facts.inert) return undefined;
      sentenceWords += facts.words;
      counts.words += facts.words;
      counts.syllables += facts.syllables;
      stop = facts.stopAfter;
    }
    if (stop === undefined) return undefined;
    if (index === line.sentences.length - 1) stop = 'ends';
    if (stop === 'depends') return undefined;
    if (stop === 'ends') {
      if (sentenceWords > 0) counts.sentences++;
      sentenceWords = 0;
    }
  }
  return counts;
}

type StopAfter = ReturnType<typeof stopAfter>;

/** Its words and syllables (sentences 0: it is a piece of one), and how it can stand in a line. */
interface ClauseFacts extends LineCounts {
  /** No sentence can end inside it, and it closes the pair marks it opens. */
  inert: boolean;
  /** Whether a full stop after it ends the sentence, when more of the line follows. */
  stopAfter: StopAfter;
}

/** Memoised per clause: the layouts of one draft, and the drafts of one item, share their clauses. */
const clauseFacts = memoizeByString((clause): ClauseFacts => ({ ...wordCounts(clause), inert: isInertClause(clause), stopAfter: stopAfter(clause) }), 20_000);

/**
 * The words of a marker that leaves the sentence after it to itself: none, a bullet or lead-in that
 * holds no sentence mark, or a step number whose "3." is an abbreviation and so ends no sentence.
 * Each ends in a space, so no word runs from the marker into the sentence. Null for another marker.
 */
const markerCounts = memoizeByString((marker): LineCounts | null => {
  if (marker === '') return { sentences: 0, words: 0, syllables: 0 };
  if (!marker.endsWith(' ')) return null;
  const stepNumber = /^(\d+\.) $/.exec(marker)?.[1];
  const neutral = stepNumber === undefined ? isInertClause(marker) : isAlwaysAbbreviation(stepNumber);
  return neutral ? wordCounts(marker) : null;
}, 1_000);

function add(total: LineCounts, counts: LineCounts): void {
  total.sentences += counts.sentences;
  total.words += counts.words;
  total.syllables += counts.syllables;
}
