import { z } from 'zod';
import { ZIdSchema, ZTimestampSchema } from './common.js';
import { ZDeliveryPolicySchema } from './delivery.js';

const ZIntervalSchema = z.object({ low: z.number(), high: z.number() });

/** Time range of an insight: `from` inclusive, `to` exclusive; both optional. */
const ZTimeRange = {
  from: ZTimestampSchema.optional(),
  to: ZTimestampSchema.optional(),
};

export const ZVariantInsightsQuerySchema = z
  .object({
    itemId: ZIdSchema.optional(),
    segmentId: ZIdSchema.optional(),
    /** Only the tests in which this variant is an arm (with all their arms, for comparison). */
    variantId: ZIdSchema.optional(),
    ...ZTimeRange,
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'VariantInsightsQuery' });
export type TVariantInsightsQuery = z.infer<typeof ZVariantInsightsQuerySchema>;

export const ZArmInsightSchema = z
  .object({
    /** `control` or the variant id. */
    arm: z.string(),
    variantId: ZIdSchema.nullable(),
    exposures: z.number().int(),
    clicks: z.number().int(),
    ctr: z.number(),
    /** 95% Wilson score interval of the click-through rate. */
    ctrInterval: ZIntervalSchema,
    /** Share of draws from the arms' Beta posteriors in which this arm's click rate is the highest. */
    probabilityToBeBest: z.number(),
    /** Relative uplift of the click rate over control (0.1 = +10%), posterior median and 95% interval; null for control or without one. */
    uplift: z.object({ estimate: z.number(), low: z.number(), high: z.number() }).nullable(),
    daily: z.array(z.object({ day: z.string(), exposures: z.number().int(), clicks: z.number().int(), ctr: z.number() })),
  })
  .meta({ id: 'ArmInsight' });
export type TArmInsight = z.infer<typeof ZArmInsightSchema>;

export const ZSampleRatioSchema = z
  .object({
    /** First exposures (not sticky repeats) under `uniform`, per arm, tested against an even split. */
    observed: z.record(z.string(), z.number().int()),
    statistic: z.number(),
    pValue: z.number(),
    /** p < 0.001: the split is off; assignment or logging is broken and the test's numbers are suspect. */
    mismatch: z.boolean(),
  })
  .meta({ id: 'SampleRatio' });

export const ZVariantTestInsightSchema = z
  .object({
    itemId: ZIdSchema,
    segmentId: ZIdSchema,
    policies: z.array(ZDeliveryPolicySchema),
    exposures: z.number().int(),
    arms: z.array(ZArmInsightSchema),
    /** Null when the test has fewer than two arms served under `uniform`. */
    sampleRatio: ZSampleRatioSchema.nullable(),
  })
  .meta({ id: 'VariantTestInsight' });
export type TVariantTestInsight = z.infer<typeof ZVariantTestInsightSchema>;

export const ZVariantInsightsSchema = z
  .object({
    from: ZTimestampSchema.nullable(),
    to: ZTimestampSchema.nullable(),
    /** One per (item, segment) test, most exposed first. */
    tests: z.array(ZVariantTestInsightSchema),
  })
  .meta({ id: 'VariantInsights' });
export type TVariantInsights = z.infer<typeof ZVariantInsightsSchema>;

export const ZInsightsOverviewQuerySchema = z.object({ ...ZTimeRange }).meta({ id: 'InsightsOverviewQuery' });
export type TInsightsOverviewQuery = z.infer<typeof ZInsightsOverviewQuerySchema>;

const ZRateSchema = z.object({ exposures: z.number().int(), clicks: z.number().int(), ctr: z.number(), ctrInterval: ZIntervalSchema });

export const ZInsightsOverviewSchema = z
  .object({
    from: ZTimestampSchema.nullable(),
    to: ZTimestampSchema.nullable(),
    segments: z.array(
      z.object({
        segmentId: ZIdSchema,
        segmentName: z.string().nullable(),
        control: ZRateSchema,
        personalized: ZRateSchema,
        /** Personalized exposures by what was personalized: the text alone, or the text and its image. */
        byKind: z.array(ZRateSchema.extend({ kind: z.enum(['text', 'text_and_image']) })),
        /** Relative uplift of personalized over control, pooled over the segment's tests: median and 95% interval. */
        uplift: z.object({ estimate: z.number(), low: z.number(), high: z.number() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'InsightsOverview' });
export type TInsightsOverview = z.infer<typeof ZInsightsOverviewSchema>;

/** Which text variants the style-conformance view measures. */
export const ZConformanceQuerySchema = z
  .object({
    /** Only this segment's variants (one column). */
    segmentId: ZIdSchema.optional(),
    /** Only items of this category. */
    category: z.string().min(1).max(200).optional(),
    /** Items (rows), those with the most recently updated variants first. */
    limit: z.coerce.number().int().min(1).max(100).default(40),
  })
  .meta({ id: 'ConformanceQuery' });
export type TConformanceQuery = z.infer<typeof ZConformanceQuerySchema>;

/** One measure of a variant against its segment's target, judged as the guardrail check judges it. */
const ZConformanceMeasureSchema = z.object({
  measured: z.number(),
  target: z.number(),
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
});

export const ZConformanceCellSchema = z
  .object({
    itemId: ZIdSchema,
    segmentId: ZIdSchema,
    /** The latest text variant of the pair that has text (failed ones have none). */
    variantId: ZIdSchema,
    variantStatus: z.enum(['draft', 'approved', 'rejected']),
    engine: z.string(),
    /** Flesch-Kincaid grade of the body against the segment's style.readingGrade. */
    readingGrade: ZConformanceMeasureSchema,
    /** Words of the body against the segment's style.targetWords. */
    words: ZConformanceMeasureSchema,
  })
  .meta({ id: 'ConformanceCell' });
export type TConformanceCell = z.infer<typeof ZConformanceCellSchema>;

export const ZConformanceSchema = z
  .object({
    /** Columns: segments with at least one measured variant (at most 40, most variants first). */
    segments: z.array(z.object({ id: ZIdSchema, name: z.string(), readingGrade: z.number(), targetWords: z.number().int() })),
    /** Rows: items with at least one measured variant. */
    items: z.array(z.object({ id: ZIdSchema, title: z.string() })),
    /** One per (item, segment) pair that has a text variant; a missing pair has none yet. */
    cells: z.array(ZConformanceCellSchema),
  })
  .meta({ id: 'Conformance' });
export type TConformance = z.infer<typeof ZConformanceSchema>;
