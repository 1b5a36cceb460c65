import type { TGuardrailCheck, TSegmentStyle } from '@persona/shared';
import { hasRepeatedColon } from '../../text/english-grammar.js';
import { spanishPunctuationProblems } from '../../text/spanish/spanish-punctuation.js';
import { inflesz, infleszBand, judgeSpanishEase, spanishEaseTarget } from '../../text/spanish/spanish-readability.js';
import { isSpanishLocale } from '../../text/spanish/spanish-locale.js';
import { memoizeByString } from '../../text/string-memo.js';
import { detectLanguage } from '../language-detector.js';
import type { GuardrailContext } from '../guardrail-context.js';

/**
 * Whether a variant is Spanish text for a Spanish segment, so its checks read it as Spanish: the
 * segment's locale says Spanish and the body is detected as Spanish (an English fallback is not).
 */
export function readsAsSpanish(context: Pick<GuardrailContext, 'content' | 'style'>): boolean {
  return isSpanishLocale(context.style.locale) && detectedLanguage(context.content.body) === 'spa';
}

const detectedLanguage = memoizeByString((body: string) => detectLanguage(body, 20), 2_000);

/** The reading-grade check of a Spanish body: INFLESZ against the segment's target on that scale. */
export function checkSpanishReadability(body: string, style: TSegmentStyle): TGuardrailCheck {
  const score = inflesz(body);
  const target = spanishEaseTarget(style);
  const source = style.readingEase === undefined ? `, from grade ${style.readingGrade}` : '';
  return {
    name: 'reading-grade',
    status: judgeSpanishEase(score, target),
    detail: `INFLESZ ${score.toFixed(1)} ("${infleszBand(score).label}") vs target ${target}${source} (Spanish measure: Szigriszt-Pazos with Spanish syllables)`,
  };
}

/**
 * The grammar check of a Spanish variant: what can be read without an English parser. Opening and
 * closing question and exclamation marks in pairs (¿…?, ¡…!), no capital after a semicolon
 * (sentences glued together), at most one colon in the headline. Fragments and a/an are English
 * checks and are not run; the detail says so.
 */
export function checkSpanishGrammar(context: GuardrailContext, names: ReadonlySet<string>): TGuardrailCheck {
  const { content } = context;
  const problems = [
    ...(hasRepeatedColon(content.title) ? [`title with more than one colon: "${content.title}"`] : []),
    ...[content.title, content.summary, content.body, content.cta].flatMap((text) => spanishPunctuationProblems(text, names)),
  ];
  const checked = 'Spanish: ¿? and ¡! in pairs, no capital after a semicolon, one colon at most in the title; fragments and a/an not checked (English parsers)';
  return problems.length === 0
    ? { name: 'grammar', status: 'pass', detail: checked }
    : { name: 'grammar', status: 'fail', detail: `${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''} — ${checked}` };
}
