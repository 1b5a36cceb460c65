import type { LlmClient } from '@persona/llm';
import type { TGuardrailCheck, TGuardrailReport, TGuardrailStatus, TTextContent } from '@persona/shared';
import type { BrandVoice, SourceItem, TargetSegment } from '../generation-input.types.js';
import { stripMarkup } from '../text/markup-sanitizer.js';
import { checkDistinctness } from './checks/distinctness.check.js';
import { checkFaithfulness } from './checks/faithfulness.check.js';
import { checkLength } from './checks/length.check.js';
import { checkLocale } from './checks/locale.check.js';
import { checkModeration } from './checks/moderation.check.js';
import { checkAttribution } from './checks/attribution.check.js';
import { checkClaims } from './checks/claims.check.js';
import { checkGrammar } from './checks/grammar.check.js';
import { checkPii } from './checks/pii.check.js';
import { checkPromptInjection } from './checks/prompt-injection.check.js';
import { checkReadingGrade } from './checks/reading-grade.check.js';
import { checkMustAvoid, checkMustInclude } from './checks/required-terms.check.js';
import { checkUnsafeContent } from './checks/unsafe-content.check.js';
import { variantText, type GuardrailCheck, type GuardrailContext } from './guardrail-context.js';
import { sourceForSegment } from '../localized-source.js';

export interface GuardrailInput {
  content: TTextContent;
  source: SourceItem;
  segment: TargetSegment;
  brandVoice?: BrandVoice;
  /** Variants of the same item for the other segments (for distinctness). */
  siblings?: readonly TTextContent[];
  /** The moderation endpoint; null or absent: the local term list. */
  moderator?: LlmClient | null;
  /**
   * Leaves out the grammar and attribution checks. Only for measuring what they cost, in the same
   * run (`npm run bench:gen`): a variant's report always has them.
   */
  withoutLanguageChecks?: boolean;
}

export interface GuardrailOutcome {
  /** The variant with markup and scripts stripped: what may be stored and shown. */
  content: TTextContent;
  report: TGuardrailReport;
}

const SYNC_CHECKS: readonly GuardrailCheck[] = [
  checkLength,
  checkReadingGrade,
  checkFaithfulness,
  checkAttribution,
  checkGrammar,
  checkMustInclude,
  checkMustAvoid,
  checkPii,
  checkDistinctness,
  checkPromptInjection,
  checkUnsafeContent,
  checkClaims,
  checkLocale,
];

/** The checks that read the variant's English: grammar, and which noun each figure measures. */
const LANGUAGE_CHECKS: ReadonlySet<GuardrailCheck> = new Set([checkGrammar, checkAttribution]);

/**
 * Checks whose failure blocks a variant (status failed) instead of flagging it for review. A
 * claim is not among them: the creator may hold the evidence, so it goes to review as a failed
 * check on a draft (which nothing approves automatically).
 */
const BLOCKING_CHECKS = new Set(['pii', 'moderation', 'prompt-injection', 'unsafe-content', 'markup']);

const RANK: Record<TGuardrailStatus, number> = { pass: 0, warn: 1, fail: 2 };

/**
 * Runs every guardrail on a variant, whatever made it (an engine or a human edit): markup is
 * stripped first, then each check reports pass / warn / fail with its detail.
 */
export async function checkGuardrails(input: GuardrailInput): Promise<GuardrailOutcome> {
  const { content, markup } = stripContentMarkup(input.content);
  const localized = sourceForSegment(input.source, input.segment.style.locale);
  const context: GuardrailContext = {
    content,
    source: localized.item,
    sourceLocale: localized.translatedFrom,
    style: input.segment.style,
    brandVoice: input.brandVoice,
    siblings: input.siblings ?? [],
  };
  const checks: TGuardrailCheck[] = [
    markup,
    ...(input.withoutLanguageChecks === true ? SYNC_CHECKS.filter((check) => !LANGUAGE_CHECKS.has(check)) : SYNC_CHECKS).map((check) => check(context)),
    await checkModeration(variantText(content), input.moderator ?? null),
  ];
  return { content, report: { status: worstStatus(checks), checks } };
}

/** Why a report blocks its variant, or null when it can go to review as a draft. */
export function blockingReason(report: TGuardrailReport): string | null {
  const blocking = report.checks.filter((check) => check.status === 'fail' && BLOCKING_CHECKS.has(check.name));
  return blocking.length === 0 ? null : blocking.map((check) => `${check.name}: ${check.detail}`).join('; ');
}

/** The failed checks of a report, as lines an LLM can act on in a repair round. */
export function failedChecks(report: TGuardrailReport): TGuardrailCheck[] {
  return report.checks.filter((check) => check.status === 'fail');
}

/** The report's status: its worst check's. */
export function worstStatus(checks: readonly TGuardrailCheck[]): TGuardrailStatus {
  return checks.reduce<TGuardrailStatus>((worst, check) => (RANK[check.status] > RANK[worst] ? check.status : worst), 'pass');
}

function stripContentMarkup(content: TTextContent): { content: TTextContent; markup: TGuardrailCheck } {
  const fields = ['title', 'summary', 'body', 'cta', 'rationale'] as const;
  const cleaned = { ...content };
  const changed: string[] = [];
  for (const field of fields) {
    const result = stripMarkup(content[field]);
    cleaned[field] = result.text;
    if (result.changed) changed.push(field);
  }
  const emptied = fields.filter((field) => field !== 'rationale' && cleaned[field].trim() === '');
  const markup: TGuardrailCheck =
    emptied.length > 0
      ? { name: 'markup', status: 'fail', detail: `nothing but markup in: ${emptied.join(', ')}` }
      : changed.length === 0
        ? { name: 'markup', status: 'pass', detail: 'no markup or scripts' }
        : { name: 'markup', status: 'warn', detail: `markup and scripts stripped from: ${changed.join(', ')}` };
  return { content: cleaned, markup };
}
