import { COMMON_WORDS, extractNames, extractQuantities, vocabularyOf, type Quantity } from '../fact-extractor.js';
import { memoizeByString } from '../../text/string-memo.js';
import { sourceText, variantText, type GuardrailCheck } from '../guardrail-context.js';
import { SPANISH_PHRASEBOOK_WORDS } from '../../template/spanish/spanish-phrasebook.js';

/**
 * Every number (with its unit) and every proper name of the variant must come from the item, the
 * segment's must-include terms or the brand name. An unknown number or a mid-sentence name fails;
 * an unknown capitalised word at the start of a sentence may be an ordinary word, so it warns.
 */
export const checkFaithfulness: GuardrailCheck = ({ content, source, style, brandVoice }) => {
  const allowed = [sourceText(source), ...style.mustInclude, brandVoice?.name ?? ''].join('\n');
  // List numbering ("1. ") is layout, not a fact.
  const output = variantText(content).replace(/^\s*\d+[.)]\s+/gm, '');
  const { quantities: sourceQuantities, vocabulary } = allowedFacts(allowed);
  const unknownQuantities = extractQuantities(output).filter((quantity) => !isBacked(quantity, sourceQuantities));
  const unknownNames = extractNames(output).filter(
    ({ word, sentenceStart }) =>
      !vocabulary.has(word.toLowerCase()) && !(sentenceStart && (COMMON_WORDS.has(word.toLowerCase()) || SPANISH_PHRASEBOOK_WORDS.has(word.toLowerCase()))),
  );
  const midSentence = unique(unknownNames.filter((name) => !name.sentenceStart).map((name) => name.word));
  const initial = unique(unknownNames.filter((name) => name.sentenceStart).map((name) => name.word));
  const numbers = unique(unknownQuantities.map((quantity) => quantity.text));
  const problems = [
    numbers.length > 0 ? `numbers not in the source: ${numbers.join(', ')}` : '',
    midSentence.length > 0 ? `names not in the source: ${midSentence.join(', ')}` : '',
    initial.length > 0 ? `capitalised words not in the source: ${initial.join(', ')}` : '',
  ].filter((problem) => problem !== '');
  const status = numbers.length > 0 || midSentence.length > 0 ? 'fail' : initial.length > 0 ? 'warn' : 'pass';
  return {
    name: 'faithfulness',
    status,
    detail: problems.length === 0 ? 'every number, unit and name appears in the source' : problems.join('; '),
  };
};

/** The numbers and words a variant may use, read once per item and segment rather than once per variant. */
const allowedFacts = memoizeByString(
  (allowed): { quantities: readonly Quantity[]; vocabulary: ReadonlySet<string> } => ({ quantities: extractQuantities(allowed), vocabulary: vocabularyOf(allowed) }),
  128,
);

/** A number is backed when the source has it with the same unit, or bare, or the output gives no unit. */
function isBacked(quantity: Quantity, sourceQuantities: readonly Quantity[]): boolean {
  const sameValue = sourceQuantities.filter((candidate) => candidate.value === quantity.value);
  if (sameValue.length === 0) return false;
  if (quantity.unit === null) return true;
  return sameValue.some((candidate) => candidate.unit === null || candidate.unit === quantity.unit);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
