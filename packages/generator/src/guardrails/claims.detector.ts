import { keywordPattern, scanText, mayMatch, type KeywordPattern } from '../text/keyword-pattern.js';
import { revealText } from './hidden-text.detector.js';

export type ClaimKind = 'health' | 'financial' | 'urgency';

export interface ClaimFinding {
  kind: ClaimKind;
  text: string;
}

const CONDITIONS =
  '(?:diabetes|cancers?|tumou?rs?|arthritis|alzheimer\'?s|dementia|heart\\s+disease|hypertension|high\\s+blood\\s+pressure|cholesterol|depression|anxiety|obesity|covid(?:-19)?|coronavirus|autism|asthma|acne|insomnia|infections?|viruses|disease|illness|baldness|hair\\s+loss)';

/**
 * Claims that need evidence the platform cannot check, as term patterns (an offline judge, so
 * deliberately specific: "lowers the risk of heart disease" is not here, "cures heart disease" is):
 * - health: cures and treatments of named conditions, miracle cures, rapid weight loss, detox and
 *   immunity boosts, "no side effects", "clinically proven";
 * - financial: guaranteed returns or income, risk-free or no-risk investing, doubling money,
 *   get-rich-quick, "can't lose";
 * - urgency: act-now pressure, countdowns, "only N left", "last chance", steep "N% off" promotions.
 */
const PATTERNS: readonly (readonly [ClaimKind, KeywordPattern])[] = [
  ['health', keywordPattern(['diabetes', 'cancer', 'cancers', 'tumor', 'tumors', 'tumour', 'tumours', 'arthritis', 'alzheimer', 'alzheimers', 'dementia', 'disease', 'hypertension', 'pressure', 'cholesterol', 'depression', 'anxiety', 'obesity', 'covid', 'coronavirus', 'autism', 'asthma', 'acne', 'insomnia', 'infection', 'infections', 'viruses', 'illness', 'baldness', 'loss'], new RegExp(`\\b(?:cures?|cured|heals?|healed|reverses?|reversed|eliminates?|eradicates?|ends?|treats?|prevents?|fixes)\\s+(?:your\\s+|all\\s+|any\\s+|most\\s+|type\\s+[12]\\s+|chronic\\s+)?${CONDITIONS}\\b`, 'gi'))],
  ['health', keywordPattern(['cure', 'remedy', 'treatment', 'miracle'], new RegExp(`\\b(?:cure|remedy|treatment)\\s+for\\s+(?:your\\s+|all\\s+|type\\s+[12]\\s+)?${CONDITIONS}\\b|\\bmiracle\\s+(?:cure|pill|diet|drug|remedy|supplement)s?\\b|\\bcure[-\\s]all\\b`, 'gi'))],
  ['health', keywordPattern(['lose'], /\blose\s+(?:up\s+to\s+)?\d+\s*(?:kg|kgs|kilos?|kilograms?|lbs?|pounds|stone)\s+(?:in\s+(?:just\s+|only\s+)?(?:a|one|\d+)\s+(?:days?|weeks?|nights?)|overnight|fast)\b|\blose\s+weight\s+(?:fast|overnight|without\s+(?:diet|exercise|effort))/gi)],
  ['health', keywordPattern(['detox', 'detoxes', 'detoxifies', 'immune', 'immunity', 'belly', 'melt', 'melts', 'side', 'clinically', 'doctors'], /\b(?:detox(?:es|ifies)?\s+your\s+(?:body|liver|blood)|boosts?\s+(?:your\s+)?immun(?:e\s+system|ity)|burns?\s+belly\s+fat|melts?\s+(?:away\s+)?fat|no\s+side[-\s]effects|clinically\s+proven|doctors\s+(?:hate|don'?t\s+want))\b/gi)],
  ['financial', keywordPattern(['guarantee', 'guaranteed', 'guarantees'], /\bguarantee(?:d|s)?\s+(?:(?:a|an|\d+(?:\.\d+)?\s*%)\s+)?(?:monthly\s+|weekly\s+|daily\s+|annual\s+)?(?:returns?|profits?|income|gains?|yields?|payouts?|earnings|interest|results|wealth|riches)\b/gi)],
  ['financial', keywordPattern(['guaranteed', 'assured', 'fixed'], /\b\d+(?:\.\d+)?\s*%\s+(?:guaranteed|assured|fixed)\s+(?:returns?|profits?|gains?|yields?)\b|\b(?:returns?|profits?|gains?)\s+(?:are\s+)?(?:guaranteed|assured)\b/gi)],
  ['financial', keywordPattern(['risk', 'double', 'triple', 'rich', 'lose', 'sure'], /\b(?:risk[-\s]free|no[-\s]risk|zero[-\s]risk|without\s+any\s+risk)\b|\b(?:double|triple)\s+your\s+(?:money|investment|savings|income)\b|\bget[-\s]rich[-\s]quick\b|\bcan(?:'|’|no)?t\s+lose\b|\bsure[-\s](?:fire|thing)\s+(?:investment|bet|profit)/gi)],
  ['urgency', keywordPattern(['now', 'today', 'immediately', 'away', 'hurry'], /\b(?:act|buy|order|call|sign\s+up|subscribe|invest|hurry)\s+(?:now|today|immediately|right\s+away)\b(?!\s+(?:and|to)\s+(?:read|learn))|\bhurry\b(?=[^.!?\n]{0,30}!)/gi)],
  ['urgency', keywordPattern(['limited', 'left', 'remaining', 'spot', 'spots', 'seat', 'seats', 'ends', 'expires', 'expire', 'chance', 'late', 'miss'], /\blimited[-\s]time\s+(?:offer|only|deal)|\bonly\s+\d+\s+(?:left|remaining|spots?|seats?)\b|\b(?:offer|deal|sale|price)\s+(?:ends|expires)\s+(?:today|tonight|soon|in)\b|\blast\s+chance\b|\bexpires?\s+in\s+\d+\s+(?:minutes?|hours?)\b|\bbefore\s+it'?s\s+too\s+late\b|\bdon'?t\s+miss\s+out\b/gi)],
  ['urgency', keywordPattern(['%', 'money'], /\b(?:[5-9]\d|100)\s*%\s+off\b|\b100\s*%\s+(?:guaranteed|free)\b|\bfree\s+money\b/gi)],
];

/** Words that turn a claim into a warning against it ("no investment is risk-free"). */
const NEGATION = /\b(?:no|not|never|nothing|isn'?t|aren'?t|doesn'?t|don'?t|won'?t|cannot|can'?t|without|beware\s+of|avoid|myths?|false)\b(?:\s+[\w'’-]+){0,3}\s*$/i;

/** Unsupported health, financial and pressure claims in a text (empty when none), each with its phrase. */
export function findUnsupportedClaims(text: string): ClaimFinding[] {
  const revealed = revealText(text);
  const scan = scanText(revealed);
  const findings: ClaimFinding[] = [];
  for (const [kind, entry] of PATTERNS) {
    if (!mayMatch(entry, scan)) continue;
    const { pattern } = entry;
    // "can't lose" and "no risk" carry their own negation: only the few words before a claim can deny it.
    const claim = [...revealed.matchAll(pattern)].find((match) => !NEGATION.test(revealed.slice(Math.max(0, match.index - 40), match.index)));
    if (claim !== undefined) findings.push({ kind, text: claim[0].trim() });
  }
  return findings;
}

export function containsUnsupportedClaim(text: string): boolean {
  return findUnsupportedClaims(text).length > 0;
}
