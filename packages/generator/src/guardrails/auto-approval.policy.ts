import type { TGuardrailReport, TVariantKind, TVariantStatus } from '@persona/shared';

/**
 * The checks a text variant's report must hold, passed, before anything approves it without a
 * person: a report without them (made before they existed, or cut short) proves nothing.
 */
export const CONTENT_SAFETY_CHECKS = ['markup', 'pii', 'moderation', 'prompt-injection', 'unsafe-content', 'claims'] as const;
/** The same for an image variant: its moderation and what was measured on its renditions. */
export const IMAGE_CHECKS = ['image-moderation', 'contrast', 'safe-zone', 'dimensions', 'byte-budget'] as const;

export interface ApprovalCandidate {
  kind: TVariantKind;
  status: TVariantStatus;
  guardrails: TGuardrailReport;
}

/**
 * Why a variant may not be approved automatically, or null when it may: only a draft whose every
 * check passed — a warn is a question for a reviewer (an item that carried an injection, a claim,
 * a link is flagged even when the variant left it out), never an automatic yes. The one rule for
 * every place that approves without a person (a job's `autoApprove` today).
 */
export function autoApprovalBlocker(variant: ApprovalCandidate): string | null {
  if (variant.status !== 'draft') return `status is ${variant.status}`;
  const { checks } = variant.guardrails;
  if (checks.length === 0) return 'no guardrail checks ran';
  const notPassed = checks.filter((check) => check.status !== 'pass');
  if (notPassed.length > 0) return `not every check passed: ${notPassed.map((check) => `${check.name} ${check.status}`).join(', ')}`;
  if (variant.guardrails.status !== 'pass') return `report status is ${variant.guardrails.status}`;
  const required = variant.kind === 'text' ? CONTENT_SAFETY_CHECKS : IMAGE_CHECKS;
  const missing = required.filter((name) => !checks.some((check) => check.name === name));
  if (missing.length > 0) return `checks missing from the report: ${missing.join(', ')}`;
  return null;
}

export function mayAutoApprove(variant: ApprovalCandidate): boolean {
  return autoApprovalBlocker(variant) === null;
}
