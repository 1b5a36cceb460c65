import { memoizeByString } from '../../text/string-memo.js';
import { findUnsupportedClaims, type ClaimFinding } from '../claims.detector.js';
import { briefPhrases, sourceText, variantText, withoutBriefPhrases, type GuardrailCheck } from '../guardrail-context.js';

const CHECKED =
  'offline term list: health (cures of named conditions, miracle cures, rapid weight loss, detox, immunity boosts, "no side effects", "clinically proven"), ' +
  'financial (guaranteed returns or income, risk-free, doubling money, get-rich-quick) and urgency (act now, countdowns, "only N left", steep % off)';

/**
 * Health, financial and pressure claims need evidence nobody checked: in the variant they fail
 * (a reviewer who has the evidence may still approve), in the item they are flagged. The detail
 * names the judge, a term list, so no one mistakes a pass for fact-checking.
 */
export const checkClaims: GuardrailCheck = ({ content, source, style, brandVoice }) => {
  const inOutput = findUnsupportedClaims(withoutBriefPhrases(variantText(content), briefPhrases(style, brandVoice)));
  if (inOutput.length > 0) return { name: 'claims', status: 'fail', detail: `unsupported claims in the variant: ${describe(inOutput)} (${CHECKED})` };
  const inSource = claimsInSource(sourceText(source));
  return inSource.length > 0
    ? { name: 'claims', status: 'warn', detail: `the item makes unsupported claims: ${describe(inSource)}; left out of the variant` }
    : { name: 'claims', status: 'pass', detail: `no unsupported claims (${CHECKED})` };
};

const claimsInSource = memoizeByString((text): readonly ClaimFinding[] => findUnsupportedClaims(text), 500);

function describe(findings: readonly ClaimFinding[]): string {
  return findings.map((finding) => `${finding.kind} "${finding.text}"`).join(', ');
}
