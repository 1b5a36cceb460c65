import { misattributedFacts } from '../fact-extractor.js';
import { sourceText, variantText, type GuardrailCheck } from '../guardrail-context.js';

/**
 * Every figure of the variant measures what it measures in the source: "200 g of spinach" may not
 * become "gochujang, 200 g", nor "…, which raises spending by 15 percent" hang from another clause.
 * The faithfulness check sees only that the numbers exist; this one compares the (quantity, unit,
 * thing measured) facts of the variant with the source's. A mismatch fails.
 */
export const checkAttribution: GuardrailCheck = ({ content, source }) => {
  // List numbering ("1. ") is layout, not a fact.
  const output = variantText(content).replace(/^\s*\d+[.)]\s+/gm, '');
  const problems = misattributedFacts(output, sourceText(source));
  return problems.length === 0
    ? { name: 'attribution', status: 'pass', detail: 'every figure measures what it measures in the source' }
    : { name: 'attribution', status: 'fail', detail: problems.slice(0, 3).map((problem) => problem.why).join('; ') };
};
