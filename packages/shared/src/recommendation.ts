import { z } from 'zod';
import { ZIdSchema } from './common.js';
import { ZUserIdSchema } from './user.js';

/** `auto` uses the LLM ranker when an endpoint is configured and the classical one otherwise. */
export const ZRankingEngineSchema = z.enum(['auto', 'classical', 'llm']);
export type TRankingEngine = z.infer<typeof ZRankingEngineSchema>;

/** A boolean query parameter: `true`/`false`/`1`/`0`. */
export const ZBooleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const ZRecommendationQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    engine: ZRankingEngineSchema.default('auto'),
    explain: ZBooleanQuery.default(false),
    /** MMR trade-off: 1 = pure relevance, 0 = pure diversity. */
    diversity: z.coerce.number().min(0).max(1).optional(),
    excludeCategories: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .optional(),
  })
  .meta({ id: 'RecommendationQuery' });
export type TRecommendationQuery = z.infer<typeof ZRecommendationQuerySchema>;

export const ZExplanationSchema = z
  .object({
    kind: z.string(),
    text: z.string(),
    relatedItemId: ZIdSchema.optional(),
  })
  .meta({ id: 'Explanation' });

export const ZRecommendedItemSchema = z
  .object({
    itemId: ZIdSchema,
    rank: z.number().int().positive(),
    score: z.number(),
    sources: z.array(z.string()),
    explanation: ZExplanationSchema.nullable(),
    item: z.object({
      title: z.string(),
      category: z.string(),
      tags: z.array(z.string()),
      imageAssetId: ZIdSchema.nullable(),
    }),
  })
  .meta({ id: 'RecommendedItem' });
export type TRecommendedItem = z.infer<typeof ZRecommendedItemSchema>;

export const ZRecommendationResponseSchema = z
  .object({
    userId: ZUserIdSchema,
    engine: z.enum(['classical', 'llm']),
    /** Why the LLM ranking was not used although it was asked for (or configured), else null. */
    fallbackReason: z.string().nullable(),
    coldStart: z.boolean(),
    segment: z.object({ id: ZIdSchema, name: z.string() }).nullable(),
    latencyMs: z.number(),
    tokens: z.object({ prompt: z.number().int(), completion: z.number().int() }),
    items: z.array(ZRecommendedItemSchema),
  })
  .meta({ id: 'RecommendationResponse' });
export type TRecommendationResponse = z.infer<typeof ZRecommendationResponseSchema>;

export const ZRankRequestSchema = z
  .object({
    userId: ZUserIdSchema,
    candidateIds: z.array(ZIdSchema).min(1).max(500),
    engine: ZRankingEngineSchema.default('auto'),
    explain: z.boolean().default(false),
  })
  .meta({ id: 'RankRequest' });
export type TRankRequest = z.infer<typeof ZRankRequestSchema>;

export const ZRecommenderStatusSchema = z
  .object({
    fittedAt: z.iso.datetime({ offset: true }),
    fitMs: z.number(),
    memoryBytes: z.number(),
    items: z.number().int(),
    users: z.number().int(),
    interactions: z.number().int(),
    observedSinceFit: z.number().int(),
    llmConfigured: z.boolean(),
  })
  .meta({ id: 'RecommenderStatus' });
export type TRecommenderStatus = z.infer<typeof ZRecommenderStatusSchema>;
