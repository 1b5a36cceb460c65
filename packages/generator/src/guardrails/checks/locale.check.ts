import type { GuardrailCheck } from '../guardrail-context.js';
import { detectLanguage } from '../language-detector.js';

/** ISO 639-1 (what locales start with) to ISO 639-3 (what franc answers). */
const LANGUAGES: Record<string, string> = {
  en: 'eng', es: 'spa', fr: 'fra', de: 'deu', it: 'ita', pt: 'por', nl: 'nld', sv: 'swe', pl: 'pol',
  ru: 'rus', uk: 'ukr', tr: 'tur', ja: 'jpn', zh: 'cmn', ko: 'kor', ar: 'arb', hi: 'hin', id: 'ind',
};

/**
 * The body is written in the segment's language (detected as franc-min does). Another language
 * warns when the item has no source in the segment's language (an English fallback says so to its
 * reader), and fails when it has one: then nothing excuses it.
 */
export const checkLocale: GuardrailCheck = ({ content, style, sourceLocale }) => {
  const wanted = LANGUAGES[style.locale.slice(0, 2).toLowerCase()];
  if (wanted === undefined) return { name: 'locale', status: 'pass', detail: `language of ${style.locale} not checked` };
  const detected = detectLanguage(content.body, 20);
  if (detected === 'und') return { name: 'locale', status: 'pass', detail: 'too little text to detect the language' };
  return detected === wanted
    ? { name: 'locale', status: 'pass', detail: `written in ${detected} for ${style.locale}` }
    : sourceLocale !== null && sourceLocale !== undefined
      ? { name: 'locale', status: 'fail', detail: `written in ${detected}, segment locale ${style.locale} wants ${wanted}, and the item has a source in ${sourceLocale}` }
      : { name: 'locale', status: 'warn', detail: `written in ${detected}, segment locale ${style.locale} wants ${wanted}` };
};
