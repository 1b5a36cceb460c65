import { readingGrade } from '../../text/text-statistics.js';
import type { GuardrailCheck } from '../guardrail-context.js';
import { checkSpanishReadability, readsAsSpanish } from './spanish-text.check.js';

/**
 * Flesch-Kincaid grade of the body against the segment's target: ±2 passes, ±4 warns, harder still
 * fails. Plainer than the target only warns: a reader of a high grade reads plain text fine, and
 * the only way up from a plainly written source is longer sentences, which must not come from
 * gluing sentences together.
 */
export const checkReadingGrade: GuardrailCheck = (context) => {
  const { content, style } = context;
  if (readsAsSpanish(context)) return checkSpanishReadability(content.body, style);
  const grade = readingGrade(content.body);
  const gap = Math.abs(grade - style.readingGrade);
  const status = gap <= 2 ? 'pass' : gap <= 4 || grade < style.readingGrade ? 'warn' : 'fail';
  const english = style.locale.toLowerCase().startsWith('en');
  return {
    name: 'reading-grade',
    status,
    detail: `Flesch-Kincaid grade ${grade.toFixed(1)} vs target ${style.readingGrade}${english ? '' : ` (English formula, locale ${style.locale})`}`,
  };
};
