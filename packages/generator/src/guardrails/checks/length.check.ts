import { countWords } from '../../text/text-statistics.js';
import type { GuardrailCheck } from '../guardrail-context.js';

/** Body length against the segment's target: ±20% passes, ±40% warns. */
export const checkLength: GuardrailCheck = ({ content, style }) => {
  const words = countWords(content.body);
  const deviation = (words - style.targetWords) / style.targetWords;
  const status = Math.abs(deviation) <= 0.2 ? 'pass' : Math.abs(deviation) <= 0.4 ? 'warn' : 'fail';
  const percent = Math.round(deviation * 100);
  return { name: 'length', status, detail: `${words} words vs target ${style.targetWords} (${percent >= 0 ? '+' : ''}${percent}%)` };
};
