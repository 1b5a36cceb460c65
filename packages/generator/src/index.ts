export type { BrandVoice, GeneratedStatus, SourceItem, TargetSegment, TextVariant } from './generation-input.types.js';
export { GeneratorError } from './generator-error.js';
export { generateTextVariant, generateTextVariants, type TextEngineName, type TextGenerationOptions } from './text-variant.generator.js';
export { writeTemplateText, TEMPLATE_ENGINE, type TemplateTextInput } from './template/template-text.engine.js';
export {
  TEXT_VARIANT_FORMAT,
  DEFAULT_TEXT_SEED,
  DEFAULT_TEXT_TEMPERATURE,
  buildTextRequest,
  type TextRequestInput,
} from './openai/text-request.js';
export { textVariantFromBatchAnswer, OPENAI_BATCH_ENGINE, type BatchTextAnswerInput } from './openai/batch-text.answer.js';
export { buildMessages, buildItemMessage, buildSystemMessage } from './openai/text-brief.js';
export {
  checkGuardrails,
  blockingReason,
  failedChecks,
  worstStatus,
  type GuardrailInput,
  type GuardrailOutcome,
} from './guardrails/guardrails.runner.js';
// The two style checks, on their own: the studio's conformance view judges stored variants as the guardrails do.
export { checkReadingGrade } from './guardrails/checks/reading-grade.check.js';
export { checkLength } from './guardrails/checks/length.check.js';
export { variantSimilarity, NEAR_DUPLICATE_SIMILARITY } from './guardrails/checks/distinctness.check.js';
export { redactPii, type PiiFinding, type PiiKind } from './guardrails/pii-redactor.js';
export { findInstructionText } from './guardrails/prompt-injection.detector.js';
export { findUnsafeContent, type UnsafeFinding, type UnsafeKind } from './guardrails/unsafe-content.detector.js';
export { findUnsupportedClaims, type ClaimFinding, type ClaimKind } from './guardrails/claims.detector.js';
export { revealText } from './guardrails/hidden-text.detector.js';
export {
  autoApprovalBlocker,
  mayAutoApprove,
  CONTENT_SAFETY_CHECKS,
  IMAGE_CHECKS,
  type ApprovalCandidate,
} from './guardrails/auto-approval.policy.js';
export { stripMarkup } from './text/markup-sanitizer.js';
export { countWords, readingGrade, splitSentences } from './text/text-statistics.js';
export { contentHash } from './text/content-hash.js';
export {
  renderImageVariants,
  visualPrompt,
  type ImageEngineName,
  type ImageGenerationOptions,
  type ImageVariantResult,
} from './image/image-variant.generator.js';
export { finishImage, type FinishOptions, type ImageOutputFormat, type ImageRenditionOutput } from './image/sharp-image.engine.js';
export { HEADLINE_FONT } from './image/brand-font.js';
export { measureRendition, contrastRatio, relativeLuminance, type RenditionMeasurement } from './image/rendition-inspector.js';
export { checkRenditions, MIN_HEADLINE_CONTRAST } from './image/rendition-checks.js';
export { safeZone, type Box } from './image/safe-zones.js';
