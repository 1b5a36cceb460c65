import { extractQuantities } from '../guardrails/fact-extractor.js';
import { mentions } from '../guardrails/guardrail-context.js';
import { countWords, readingGrade } from '../text/text-statistics.js';
import { contentStems } from './content-stems.js';
import { figureClauses, type FigureClause } from './key-figures.js';
import { sentenceRole, type SentenceRole } from './instruction-steps.js';
import { elevateSentence, simplifySentence } from './register-rewriter.js';

/** A source sentence rewritten for a reader: the sentence(s) it became, with their length. */
export class Rewrite {
  readonly words: number;
  private joinedGrade: number | undefined;

  constructor(readonly sentences: readonly string[]) {
    this.words = sentences.reduce((sum, sentence) => sum + countWords(sentence), 0);
  }

  /** The reading grade of the sentences read as one text. */
  get grade(): number {
    this.joinedGrade ??= readingGrade(this.sentences.join(' '));
    return this.joinedGrade;
  }
}

/**
 * What the engine works out about one source sentence, kept with the item's analysed body. Every
 * segment (and every redraft) of an item ranks and rewrites the same sentences: each fact is
 * worked out on first use and then read from here, instead of being looked up again by the
 * sentence's text (hashing a long string each time) in a memo shared by every item.
 */
export class SentenceProfile {
  private stemList: readonly string[] | undefined;
  private distinctStemList: readonly string[] | undefined;
  private sentenceGrade: number | undefined;
  private factTotal: number | undefined;
  private clauses: readonly FigureClause[] | undefined;
  private elevatedRewrite: Rewrite | undefined;
  /** By target grade: an item meets a handful of them, one per segment at most. */
  private readonly simplifiedRewrites = new Map<number, Rewrite>();
  /** By term: the terms of every segment's must-avoid list. */
  private readonly mentionedTerms = new Map<string, boolean>();

  constructor(readonly text: string) {}

  /** The stems of its content words, for ranking it against the item, the title and the persona. */
  get stems(): readonly string[] {
    this.stemList ??= contentStems(this.text);
    return this.stemList;
  }

  /** The same, each stem once. */
  get distinctStems(): readonly string[] {
    this.distinctStemList ??= [...new Set(this.stems)];
    return this.distinctStemList;
  }

  get grade(): number {
    this.sentenceGrade ??= readingGrade(this.text);
    return this.sentenceGrade;
  }

  /** How many figures it carries, counted up to 3. */
  get facts(): number {
    this.factTotal ??= Math.min(3, extractQuantities(this.text).length);
    return this.factTotal;
  }

  get figureClauses(): readonly FigureClause[] {
    this.clauses ??= figureClauses(this.text);
    return this.clauses;
  }

  /** An action, a key fact a reader needs to act, or context (see `sentenceRole`). */
  get role(): SentenceRole {
    return sentenceRole(this.text);
  }

  /** In exact words, for a reader at or above the dense grade. */
  elevated(): Rewrite {
    this.elevatedRewrite ??= new Rewrite([elevateSentence(this.text)]);
    return this.elevatedRewrite;
  }

  /** Split and in plain words, toward `targetGrade`. */
  simplified(targetGrade: number): Rewrite {
    let rewrite = this.simplifiedRewrites.get(targetGrade);
    if (rewrite === undefined) {
      rewrite = new Rewrite(simplifySentence(this.text, targetGrade));
      this.simplifiedRewrites.set(targetGrade, rewrite);
    }
    return rewrite;
  }

  /** Whether it uses `term` as a whole word or phrase. */
  mentions(term: string): boolean {
    let found = this.mentionedTerms.get(term);
    if (found === undefined) {
      found = mentions(this.text, term);
      this.mentionedTerms.set(term, found);
    }
    return found;
  }
}
