import { countWords } from '../../text/text-statistics.js';
import type { GuardrailCheck } from '../guardrail-context.js';

/**
 * Body length against the segment's target: ±20% passes, ±40% warns, further fails. A body
 * further short only warns when it is as long as the item itself: what is not in the item cannot
 * be added without padding it.
 */
export const checkLength: GuardrailCheck = ({ content, style, source }) => {
  const words = countWords(content.body);
  const deviation = (words - style.targetWords) / style.targetWords;
  const sourceWords = countWords(source.body);
  const wholeSource = deviation < 0 && words >= sourceWords * 0.9;
  const status = Math.abs(deviation) <= 0.2 ? 'pass' : Math.abs(deviation) <= 0.4 || wholeSource ? 'warn' : 'fail';
  const percent = Math.round(deviation * 100);
  const note = status === 'warn' && wholeSource ? `; the item itself has ${sourceWords} words` : '';
  return { name: 'length', status, detail: `${words} words vs target ${style.targetWords} (${percent >= 0 ? '+' : ''}${percent}%)${note}` };
};
