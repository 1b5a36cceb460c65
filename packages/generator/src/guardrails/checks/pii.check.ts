import { redactPii } from '../pii-redactor.js';
import { variantText, type GuardrailCheck } from '../guardrail-context.js';

/** Personal data never ships: any email, phone or card number in a variant blocks it. */
export const checkPii: GuardrailCheck = ({ content }) => {
  const { findings } = redactPii(variantText(content));
  return findings.length === 0
    ? { name: 'pii', status: 'pass', detail: 'no emails, phone or card numbers' }
    : { name: 'pii', status: 'fail', detail: `blocked: ${findings.map((finding) => `${finding.kind} ${finding.masked}`).join(', ')}` };
};
