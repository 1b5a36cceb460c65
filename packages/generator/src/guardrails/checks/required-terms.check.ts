import { mentions, variantText, type GuardrailCheck } from '../guardrail-context.js';

export const checkMustInclude: GuardrailCheck = ({ content, style }) => {
  const text = variantText(content);
  const missing = style.mustInclude.filter((term) => !mentions(text, term));
  if (style.mustInclude.length === 0) return { name: 'must-include', status: 'pass', detail: 'no required terms' };
  return missing.length === 0
    ? { name: 'must-include', status: 'pass', detail: `all ${style.mustInclude.length} required terms present` }
    : { name: 'must-include', status: 'fail', detail: `missing: ${missing.join(', ')}` };
};

export const checkMustAvoid: GuardrailCheck = ({ content, style, brandVoice }) => {
  const text = variantText(content);
  const terms = [...style.mustAvoid, ...(brandVoice?.avoid ?? [])];
  const found = terms.filter((term) => mentions(text, term));
  return found.length === 0
    ? { name: 'must-avoid', status: 'pass', detail: `none of ${terms.length} avoided terms used` }
    : { name: 'must-avoid', status: 'fail', detail: `uses: ${found.join(', ')}` };
};
