import { grammarProblems, hasRepeatedColon } from '../../text/english-grammar.js';
import { memoizeByString } from '../../text/string-memo.js';
import { extractNames } from '../fact-extractor.js';
import type { GuardrailCheck } from '../guardrail-context.js';
import { checkSpanishGrammar, readsAsSpanish } from './spanish-text.check.js';

/**
 * What no editor would approve: a capital after a semicolon (sentences glued to game a readability
 * formula), a fragment standing as a sentence, a headline with two colons, a/an against the sound
 * of the next word, a count of one before a plural ("1 litres"). Any of them fails. English only: the checks read English grammar. A headline
 * is not a sentence ("Charlotte or Maris Piper?"), so it is judged for its colons and articles only.
 */
export const checkGrammar: GuardrailCheck = (context) => {
  const { content, source, style } = context;
  if (readsAsSpanish(context)) return checkSpanishGrammar(context, namesOf(source.body));
  if (!style.locale.toLowerCase().startsWith('en')) return { name: 'grammar', status: 'pass', detail: `not checked: the checks read English, locale ${style.locale}` };
  const names = namesOf(source.body);
  const problems = [
    ...(hasRepeatedColon(content.title) ? [`title with more than one colon: "${content.title}"`] : []),
    ...grammarProblems(content.title, names).filter((problem) => problem.kind === 'article').map((problem) => `${problem.kind}: "${problem.excerpt}"`),
    ...grammarProblems([content.summary, content.body, content.cta].join('\n\n'), names).map((problem) => `${problem.kind}: "${problem.excerpt}"`),
  ];
  return problems.length === 0
    ? { name: 'grammar', status: 'pass', detail: 'no semicolon-glued sentences, fragments, double colons, wrong a/an or "1" before a plural' }
    : { name: 'grammar', status: 'fail', detail: problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (and ${problems.length - 5} more)` : '') };
};

/** Capitalised words the source never writes in lowercase: a name may follow a semicolon ("…; Lenovo Vantage…"). */
const namesOf = memoizeByString((body: string): ReadonlySet<string> => {
  const lowercase = new Set(body.match(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu) ?? []);
  return new Set(extractNames(body).map((name) => name.word).filter((word) => !lowercase.has(word.toLowerCase())));
}, 256);
