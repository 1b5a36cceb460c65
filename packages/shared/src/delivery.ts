import { z } from 'zod';
import { ZIdSchema, ZTimestampSchema } from './common.js';
import { ZBooleanQuery, ZExplanationSchema, ZRecommendationQuerySchema, ZRecommendationResponseSchema } from './recommendation.js';
import { ZChannelFormatSchema } from './segment.js';

/** How the variant of an item is chosen among its arms (approved variants plus, optionally, the original as control). */
export const ZDeliveryPolicySchema = z.enum(['thompson', 'uniform', 'fixed']).meta({ id: 'DeliveryPolicy' });
export type TDeliveryPolicy = z.infer<typeof ZDeliveryPolicySchema>;

export const ZDeliverySettingsSchema = z
  .object({
    policy: ZDeliveryPolicySchema,
    /** Serve the original item as one more arm (the control every uplift is measured against). */
    controlEnabled: z.boolean(),
    /** Thompson: share of traffic spread evenly over the arms, so every arm keeps being seen. */
    explorationFloor: z.number().min(0).max(1),
    /** A user keeps the variant of an item they were served for this long (0: choose at every request). */
    stickyWindowSeconds: z.number().int().min(0).max(90 * 86_400),
    /**
     * Thompson: how many exposures' worth a family's record across the segment's other items
     * (control, or variants written to the same style) counts for in a test that has seen little.
     * 0: every (item, segment) test learns alone.
     */
    pooledPriorStrength: z.number().int().min(0).max(1000),
  })
  .meta({ id: 'DeliverySettings' });
export type TDeliverySettings = z.infer<typeof ZDeliverySettingsSchema>;

export const DEFAULT_DELIVERY_SETTINGS: TDeliverySettings = {
  policy: 'thompson',
  controlEnabled: true,
  explorationFloor: 0.1,
  stickyWindowSeconds: 86_400,
  pooledPriorStrength: 300,
};

export const ZDeliverySettingsPatchSchema = ZDeliverySettingsSchema.partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one setting')
  .meta({ id: 'DeliverySettingsPatch' });
export type TDeliverySettingsPatch = z.infer<typeof ZDeliverySettingsPatchSchema>;

export const ZFeedQuerySchema = ZRecommendationQuerySchema.extend({
  /** The channel the feed is rendered in: which image rendition each item carries. */
  format: ZChannelFormatSchema.default('square'),
  /**
   * A studio preview ("see what user X gets"): the same ranking and arm choice, but no exposure is
   * logged and no sticky assignment written, so looking at a feed teaches the bandit nothing.
   * Studio roles only (`Access.feedPreview`); a service key serving real users cannot opt out of logging.
   */
  preview: ZBooleanQuery.default(false),
}).meta({ id: 'FeedQuery' });
export type TFeedQuery = z.infer<typeof ZFeedQuerySchema>;

/**
 * Why an item is served as its original rather than a variant: the user is in no segment, the
 * item has no approved variant for the user's segment, or the policy chose the control arm.
 */
export const ZServedReasonSchema = z.enum(['no_segment', 'no_approved_variant', 'control']).meta({ id: 'ServedReason' });
export type TServedReason = z.infer<typeof ZServedReasonSchema>;

export const ZServedImageSchema = z
  .object({
    assetId: ZIdSchema,
    /** Signed and expiring: loads without an API key until `expiresAt`. */
    url: z.string(),
    expiresAt: ZTimestampSchema,
    /** The rendition's channel format, or null for the item's original image. */
    channelFormat: ZChannelFormatSchema.nullable(),
    width: z.number().int(),
    height: z.number().int(),
  })
  .meta({ id: 'ServedImage' });
export type TServedImage = z.infer<typeof ZServedImageSchema>;

export const ZFeedItemSchema = z
  .object({
    /**
     * Send it back with the item's impression, click and conversion events: it credits them to this exposure.
     * In a preview nothing was recorded: the id (`prv_…`) credits nothing, and events carrying it count as without exposure.
     */
    servedId: z.string(),
    itemId: ZIdSchema,
    rank: z.number().int().positive(),
    score: z.number(),
    sources: z.array(z.string()),
    explanation: ZExplanationSchema.nullable(),
    variant: z.object({ id: ZIdSchema, segmentId: ZIdSchema, imageVariantId: ZIdSchema.nullable() }).nullable(),
    reason: ZServedReasonSchema.nullable(),
    /** The policy that chose the arm (null when there was no choice to make). */
    policy: ZDeliveryPolicySchema.nullable(),
    /** Probability with which this arm was served: what off-policy evaluation divides by. */
    propensity: z.number().min(0).max(1),
    /** True when the arm was kept from an earlier exposure within the sticky window. */
    sticky: z.boolean(),
    content: z.object({
      title: z.string(),
      summary: z.string().nullable(),
      body: z.string(),
      cta: z.string().nullable(),
      category: z.string(),
      tags: z.array(z.string()),
    }),
    image: ZServedImageSchema.nullable(),
  })
  .meta({ id: 'FeedItem' });
export type TFeedItem = z.infer<typeof ZFeedItemSchema>;

export const ZFeedResponseSchema = z
  .object({
    // The ranking's own header, as /recommendations reports it.
    ...ZRecommendationResponseSchema.pick({
      userId: true,
      engine: true,
      fallbackReason: true,
      coldStart: true,
      segment: true,
      latencyMs: true,
    }).shape,
    format: ZChannelFormatSchema,
    /** True when this was a preview: no exposure was logged and no sticky assignment written. */
    preview: z.boolean(),
    items: z.array(ZFeedItemSchema),
  })
  .meta({ id: 'FeedResponse' });
export type TFeedResponse = z.infer<typeof ZFeedResponseSchema>;

export const ZBanditStateQuerySchema = z
  .object({ itemId: ZIdSchema, segmentId: ZIdSchema })
  .meta({ id: 'BanditStateQuery' });
export type TBanditStateQuery = z.infer<typeof ZBanditStateQuerySchema>;

/** The shared state of one (item, segment) test and the probability each arm is served with now. */
export const ZBanditStateSchema = z
  .object({
    itemId: ZIdSchema,
    segmentId: ZIdSchema,
    policy: ZDeliveryPolicySchema,
    arms: z.array(
      z.object({
        /** `control` or the variant id. */
        arm: z.string(),
        exposures: z.number().int(),
        clicks: z.number().int(),
        /**
         * The Beta prior its counts add to under thompson: pooled from its family's record on the
         * segment's other items (control, or the variants written to the same style), or Beta(1, 1).
         */
        prior: z.object({ alpha: z.number(), beta: z.number() }),
        probability: z.number().min(0).max(1),
      }),
    ),
  })
  .meta({ id: 'BanditState' });
export type TBanditState = z.infer<typeof ZBanditStateSchema>;
