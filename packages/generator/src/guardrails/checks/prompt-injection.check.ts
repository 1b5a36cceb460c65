import { memoizeByString } from '../../text/string-memo.js';
import { findInstructionText } from '../prompt-injection.detector.js';
import { briefPhrases, sourceText, variantText, withoutBriefPhrases, type GuardrailCheck } from '../guardrail-context.js';

/**
 * Instruction-like text in the item is flagged (it was handled as data); the same kind of text in
 * the variant means it leaked into the output, which fails — unless the creator asked for it in
 * the brief (a must-include "use code SPRING").
 */
export const checkPromptInjection: GuardrailCheck = ({ content, source, style, brandVoice }) => {
  const inOutput = findInstructionText(withoutBriefPhrases(variantText(content), briefPhrases(style, brandVoice)));
  if (inOutput.length > 0) {
    return { name: 'prompt-injection', status: 'fail', detail: `instruction-like text in the variant: "${inOutput[0]}"` };
  }
  const inSource = instructionsInSource(sourceText(source));
  return inSource.length > 0
    ? { name: 'prompt-injection', status: 'warn', detail: `the item contains instruction-like text, treated as data: "${inSource[0]}"` }
    : { name: 'prompt-injection', status: 'pass', detail: 'no instruction-like text in the item or the variant' };
};

/** The item's side of the check is the same for every segment's variant: scanned once per item. */
const instructionsInSource = memoizeByString((text): readonly string[] => findInstructionText(text), 500);
