import { memoizeByString } from '../../text/string-memo.js';
import { briefPhrases, sourceText, variantText, withoutBriefPhrases, type GuardrailCheck } from '../guardrail-context.js';
import { findUnsafeContent, type UnsafeFinding } from '../unsafe-content.detector.js';

const CHECKED = 'links, contact handles, code (SQL, shell, script), template placeholders, environment-variable expressions, JSON, encoded blobs or hidden characters';

/**
 * A variant carries nothing that acts rather than reads (a link, code, a placeholder a renderer
 * would fill, a secret's name) unless the creator put it in the brief: that fails and blocks. The
 * same in the item is flagged for review: the engines left it out, but someone put it there.
 */
export const checkUnsafeContent: GuardrailCheck = ({ content, source, style, brandVoice }) => {
  const inOutput = findUnsafeContent(withoutBriefPhrases(variantText(content), briefPhrases(style, brandVoice)));
  if (inOutput.length > 0) return { name: 'unsafe-content', status: 'fail', detail: `the variant carries ${describe(inOutput)}` };
  const inSource = unsafeInSource(sourceText(source));
  return inSource.length > 0
    ? { name: 'unsafe-content', status: 'warn', detail: `the item carries ${describe(inSource)}; left out of the variant` }
    : { name: 'unsafe-content', status: 'pass', detail: `no ${CHECKED}` };
};

const unsafeInSource = memoizeByString((text): readonly UnsafeFinding[] => findUnsafeContent(text), 500);

function describe(findings: readonly UnsafeFinding[]): string {
  return findings.map((finding) => `${finding.kind} "${finding.text}"`).join(', ');
}
