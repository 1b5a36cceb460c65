import { z } from 'zod';
import { pageOf, ZIdSchema, ZPageQuerySchema, ZTimestampSchema } from './common.js';
import { ZChannelFormatSchema, ZSegmentStyleSchema } from './segment.js';

export const ZVariantKindSchema = z.enum(['text', 'image']);
export type TVariantKind = z.infer<typeof ZVariantKindSchema>;

export const ZVariantStatusSchema = z.enum(['draft', 'approved', 'rejected', 'failed']);
export type TVariantStatus = z.infer<typeof ZVariantStatusSchema>;

export const ZTextContentSchema = z
  .object({
    title: z.string().min(1).max(300),
    summary: z.string().min(1).max(1000),
    body: z.string().min(1).max(20_000),
    cta: z.string().min(1).max(120),
    /** Why the engine wrote it this way, for the reviewer. */
    rationale: z.string().max(2000),
  })
  .meta({ id: 'TextContent' });
export type TTextContent = z.infer<typeof ZTextContentSchema>;

/**
 * Text as stored and served: no field is refused for being empty, so a row written before edits
 * were checked (or by an engine that left a field blank) can still be listed and repaired.
 */
export const ZStoredTextContentSchema = z
  .object({ title: z.string(), summary: z.string(), body: z.string(), cta: z.string(), rationale: z.string() })
  .meta({ id: 'StoredTextContent' });

export const ZImageRenditionSchema = z
  .object({
    channelFormat: ZChannelFormatSchema,
    assetId: ZIdSchema,
    width: z.number().int(),
    height: z.number().int(),
    format: z.enum(['webp', 'avif', 'jpeg']),
    bytes: z.number().int(),
  })
  .meta({ id: 'ImageRendition' });
export type TImageRendition = z.infer<typeof ZImageRenditionSchema>;

export const ZGuardrailStatusSchema = z.enum(['pass', 'warn', 'fail']);
export type TGuardrailStatus = z.infer<typeof ZGuardrailStatusSchema>;

export const ZGuardrailCheckSchema = z
  .object({
    name: z.string(),
    status: ZGuardrailStatusSchema,
    detail: z.string(),
  })
  .meta({ id: 'GuardrailCheck' });
export type TGuardrailCheck = z.infer<typeof ZGuardrailCheckSchema>;

export const ZGuardrailReportSchema = z
  .object({ status: ZGuardrailStatusSchema, checks: z.array(ZGuardrailCheckSchema) })
  .meta({ id: 'GuardrailReport' });
export type TGuardrailReport = z.infer<typeof ZGuardrailReportSchema>;

/** How a variant was made: enough to explain it and to make it again. */
export const ZProvenanceSchema = z
  .object({
    engine: z.string(),
    model: z.string().nullable(),
    promptHash: z.string().nullable(),
    inputHash: z.string(),
    seed: z.number().int().nullable(),
    temperature: z.number().nullable(),
    tokens: z.object({ prompt: z.number().int(), completion: z.number().int() }),
    costUsd: z.number(),
    latencyMs: z.number(),
    fallbackReason: z.string().nullable(),
  })
  .meta({ id: 'Provenance' });
export type TProvenance = z.infer<typeof ZProvenanceSchema>;

export const ZVariantSchema = z
  .object({
    id: ZIdSchema,
    itemId: ZIdSchema,
    segmentId: ZIdSchema,
    kind: ZVariantKindSchema,
    status: ZVariantStatusSchema,
    text: ZStoredTextContentSchema.nullable(),
    images: z.array(ZImageRenditionSchema),
    provenance: ZProvenanceSchema,
    guardrails: ZGuardrailReportSchema,
    failureReason: z.string().nullable(),
    editedByHuman: z.boolean(),
    createdAt: ZTimestampSchema,
    updatedAt: ZTimestampSchema,
  })
  .meta({ id: 'Variant' });
export type TVariant = z.infer<typeof ZVariantSchema>;

export const ZTextEngineChoiceSchema = z.enum(['auto', 'template', 'openai']);
export const ZImageEngineChoiceSchema = z.enum(['auto', 'sharp', 'openai']);

/**
 * Synchronous generation for one item: `auto` engines use the LLM when one is configured.
 * A dry run stores nothing (no variant row, no asset) and may give a `style` that replaces the
 * segment's stored one, or stands for a segment not saved yet (then `segmentIds` is empty): the
 * studio's style editor shows what an unsaved style writes. A dry run renders text only, because
 * image renditions exist only as stored assets.
 */
export const ZVariantPreviewRequestSchema = z
  .object({
    segmentIds: z.array(ZIdSchema).max(20),
    kinds: z.array(ZVariantKindSchema).min(1).default(['text']),
    textEngine: ZTextEngineChoiceSchema.default('auto'),
    imageEngine: ZImageEngineChoiceSchema.default('auto'),
    /** Overrides each segment's channel formats for image variants. */
    formats: z.array(ZChannelFormatSchema).min(1).optional(),
    /** Absent means false: no default, so clients that never dry-run need not send it. */
    dryRun: z.boolean().optional(),
    style: ZSegmentStyleSchema.optional(),
    /** The name an unsaved segment is written for (engines address the audience by name). */
    segmentName: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((request, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (!request.dryRun) {
      if (request.segmentIds.length === 0) issue('segmentIds', 'give at least one segment');
      if (request.style) issue('style', 'a style override needs dryRun: true, so a stored variant always matches its segment');
      if (request.segmentName) issue('segmentName', 'a segment name needs dryRun: true');
      return;
    }
    if (request.kinds.includes('image')) issue('kinds', 'a dry run renders text only: image renditions are stored as assets');
    if (request.style && request.segmentIds.length > 1) issue('segmentIds', 'a style override applies to one segment, or to none for an unsaved one');
    if (!request.style && request.segmentIds.length === 0) issue('segmentIds', 'give a segment, or a style for an unsaved one');
  })
  .meta({ id: 'VariantPreviewRequest' });
export type TVariantPreviewRequest = z.infer<typeof ZVariantPreviewRequestSchema>;

export const ZVariantListSchema = z.object({ items: z.array(ZVariantSchema) }).meta({ id: 'VariantList' });

export const ZVariantListQuerySchema = z
  .object({
    segmentId: ZIdSchema.optional(),
    kind: ZVariantKindSchema.optional(),
    status: ZVariantStatusSchema.optional(),
  })
  .meta({ id: 'VariantListQuery' });
export type TVariantListQuery = z.infer<typeof ZVariantListQuerySchema>;

/** Which variants the review queue lists: `draft` (the default) is what awaits a reviewer's decision. */
export const ZVariantQueueStatusSchema = z.enum(['draft', 'approved', 'rejected', 'failed', 'any']);
export type TVariantQueueStatus = z.infer<typeof ZVariantQueueStatusSchema>;

/**
 * Variants across items, newest first, for the review queue. Pages are smaller than other lists:
 * a variant carries its whole text and guardrail report.
 */
export const ZVariantQueueQuerySchema = ZPageQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: ZVariantQueueStatusSchema.default('draft'),
  segmentId: ZIdSchema.optional(),
  itemId: ZIdSchema.optional(),
  kind: ZVariantKindSchema.optional(),
  /** The variant's overall guardrail report status. */
  guardrail: ZGuardrailStatusSchema.optional(),
  /** Only variants a batch generation job produced. */
  jobId: ZIdSchema.optional(),
}).meta({ id: 'VariantQueueQuery' });
export type TVariantQueueQuery = z.infer<typeof ZVariantQueueQuerySchema>;

export const ZVariantPageSchema = pageOf(ZVariantSchema).meta({ id: 'VariantPage' });
export type TVariantPage = z.infer<typeof ZVariantPageSchema>;

/** Review: approve or reject, and/or edit the text (recorded as a human edit, guardrails re-run). */
export const ZVariantPatchSchema = z
  .object({
    status: z.enum(['approved', 'rejected', 'draft']).optional(),
    text: ZTextContentSchema.partial().optional(),
  })
  .refine((p) => p.status !== undefined || p.text !== undefined, 'give a status, a text edit, or both')
  .meta({ id: 'VariantPatch' });
export type TVariantPatch = z.infer<typeof ZVariantPatchSchema>;
