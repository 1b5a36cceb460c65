import { z } from 'zod';
import { pageOf, ZIdSchema, ZPageQuerySchema, ZTimestampSchema } from './common.js';
import { ZChannelFormatSchema } from './segment.js';
import { ZVariantKindSchema } from './variant.js';

/** Text engine of a batch: `openai-batch` sends every text through OpenAI's Batch API (cheaper, slower). */
export const ZGenerationEngineSchema = z.enum(['template', 'openai', 'openai-batch']);
export type TGenerationEngine = z.infer<typeof ZGenerationEngineSchema>;

/** Which items a job covers: explicit ids, or every item matching a catalog filter at submission time. */
export const ZGenerationItemSelectionSchema = z.union([
  z.object({ ids: z.array(ZIdSchema).min(1).max(100_000) }).strict(),
  z
    .object({
      filter: z
        .object({
          category: z.string().min(1).optional(),
          tag: z.string().min(1).optional(),
          q: z.string().trim().min(1).max(200).optional(),
        })
        .strict(),
    })
    .strict(),
]);

export const ZGenerationJobRequestSchema = z
  .object({
    items: ZGenerationItemSelectionSchema,
    segmentIds: z.array(ZIdSchema).min(1).max(50),
    kinds: z.array(ZVariantKindSchema).min(1).default(['text']),
    engine: ZGenerationEngineSchema.default('template'),
    /** Image engine; defaults to `openai` for the openai engine and `sharp` otherwise. */
    imageEngine: z.enum(['sharp', 'openai']).optional(),
    /** Overrides each segment's channel formats for image variants. */
    formats: z.array(ZChannelFormatSchema).min(1).optional(),
    /** Variants that pass every guardrail are approved at once instead of waiting for review. */
    autoApprove: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'GenerationJobRequest' });
export type TGenerationJobRequest = z.infer<typeof ZGenerationJobRequestSchema>;

export const ZGenerationEstimateSchema = z
  .object({
    /** Children of the job: one per (item, segment, kind). */
    variants: z.number().int(),
    llmRequests: z.number().int(),
    tokens: z.object({ prompt: z.number().int(), completion: z.number().int() }),
    costUsd: z.number(),
    /** False when the model is not in the pricing table; costUsd then counts nothing for it. */
    priced: z.boolean(),
  })
  .meta({ id: 'GenerationEstimate' });
export type TGenerationEstimate = z.infer<typeof ZGenerationEstimateSchema>;

/**
 * What a job request would do, answered before it is submitted: how many items the selection
 * matches today, the segments and kinds it crosses them with, and the estimate the job would carry.
 */
export const ZGenerationJobPreviewSchema = z
  .object({
    items: z.number().int(),
    segments: z.number().int(),
    kinds: z.number().int(),
    estimate: ZGenerationEstimateSchema,
    /** The most children one job may have (items × segments × kinds); a larger request is refused. */
    maxChildren: z.number().int(),
  })
  .meta({ id: 'GenerationJobPreview' });
export type TGenerationJobPreview = z.infer<typeof ZGenerationJobPreviewSchema>;

export const ZGenerationJobStatusSchema = z.enum(['queued', 'running', 'completed', 'failed', 'canceled']);
export type TGenerationJobStatus = z.infer<typeof ZGenerationJobStatusSchema>;

export const ZGenerationChildStatusSchema = z.enum(['pending', 'done', 'failed', 'skipped', 'canceled']);
export type TGenerationChildStatus = z.infer<typeof ZGenerationChildStatusSchema>;

export const ZGenerationJobCountsSchema = z.object({
  total: z.number().int(),
  /** A new variant was written. */
  done: z.number().int(),
  failed: z.number().int(),
  /** The variant for the same inputs already existed: nothing was generated again. */
  skipped: z.number().int(),
  pending: z.number().int(),
  canceled: z.number().int(),
  /**
   * Of `done`: children whose variant came from the offline template engine although the job asked
   * for the LLM (its endpoint still failed on the last attempt, or none is configured); each such
   * variant names why in `provenance.fallbackReason`.
   */
  fellBack: z.number().int(),
});
export type TGenerationJobCounts = z.infer<typeof ZGenerationJobCountsSchema>;

export const ZGenerationJobSchema = z
  .object({
    id: ZIdSchema,
    status: ZGenerationJobStatusSchema,
    request: ZGenerationJobRequestSchema,
    estimate: ZGenerationEstimateSchema,
    counts: ZGenerationJobCountsSchema,
    /** Finished children per second since the job started; null before the first one. */
    ratePerSecond: z.number().nullable(),
    /** Seconds until the pending children are done at the current rate; null when unknown. */
    etaSeconds: z.number().nullable(),
    createdAt: ZTimestampSchema,
    startedAt: ZTimestampSchema.nullable(),
    finishedAt: ZTimestampSchema.nullable(),
  })
  .meta({ id: 'GenerationJob' });
export type TGenerationJob = z.infer<typeof ZGenerationJobSchema>;

export const ZGenerationJobPageSchema = pageOf(ZGenerationJobSchema).meta({ id: 'GenerationJobPage' });

export const ZGenerationJobListQuerySchema = ZPageQuerySchema.extend({
  status: ZGenerationJobStatusSchema.optional(),
}).meta({ id: 'GenerationJobListQuery' });
export type TGenerationJobListQuery = z.infer<typeof ZGenerationJobListQuerySchema>;

/** One (item, segment, kind) of a job, with the variant it produced or why it did not. */
export const ZGenerationChildSchema = z
  .object({
    itemId: ZIdSchema,
    segmentId: ZIdSchema,
    kind: ZVariantKindSchema,
    status: ZGenerationChildStatusSchema,
    variantId: ZIdSchema.nullable(),
    failureReason: z.string().nullable(),
    attempts: z.number().int(),
    updatedAt: ZTimestampSchema,
  })
  .meta({ id: 'GenerationChild' });
export type TGenerationChild = z.infer<typeof ZGenerationChildSchema>;

export const ZGenerationChildPageSchema = pageOf(ZGenerationChildSchema).meta({ id: 'GenerationChildPage' });

export const ZGenerationChildListQuerySchema = ZPageQuerySchema.extend({
  status: ZGenerationChildStatusSchema.optional(),
}).meta({ id: 'GenerationChildListQuery' });
export type TGenerationChildListQuery = z.infer<typeof ZGenerationChildListQuerySchema>;

/** Names of the jobs on the queues; each has its payload schema below. */
export const JobName = {
  /** Parent of a run of a job: runs once every child of the run has finished, and closes the job. */
  Finish: 'finish',
  Text: 'text',
  Image: 'image',
  /** openai-batch: every text of the job in one Batch API run, submitted and then polled. */
  TextBatch: 'text-batch',
  RefitRecommender: 'refit-recommender',
  /** Re-queues the pending children of live jobs that Redis lost, and closes jobs whose children all settled. */
  ReconcileJobs: 'reconcile-jobs',
} as const;
export type TJobName = (typeof JobName)[keyof typeof JobName];

export const ZFinishJobPayloadSchema = z.object({ workspaceId: ZIdSchema, jobId: ZIdSchema });
export type TFinishJobPayload = z.infer<typeof ZFinishJobPayloadSchema>;

export const ZVariantJobPayloadSchema = z.object({
  workspaceId: ZIdSchema,
  jobId: ZIdSchema,
  itemId: ZIdSchema,
  segmentId: ZIdSchema,
  /** False for the text an image-only job makes for its headline: it is not one of the job's children. */
  counted: z.boolean(),
});
export type TVariantJobPayload = z.infer<typeof ZVariantJobPayloadSchema>;

export const ZTextBatchJobPayloadSchema = z.object({ workspaceId: ZIdSchema, jobId: ZIdSchema });
export type TTextBatchJobPayload = z.infer<typeof ZTextBatchJobPayloadSchema>;
