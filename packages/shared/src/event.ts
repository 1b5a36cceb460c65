import { z } from 'zod';
import { ZIdSchema, ZTimestampSchema } from './common.js';
import { ZUserIdSchema } from './user.js';

export const ZEventTypeSchema = z.enum(['view', 'click', 'like', 'share', 'purchase', 'dismiss', 'impression', 'conversion']);
export type TEventType = z.infer<typeof ZEventTypeSchema>;

export const ZEventInputSchema = z
  .object({
    /** Client-supplied id: a retried batch carries the same ids and is not counted twice. */
    id: z.string().trim().min(1).max(200),
    userId: ZUserIdSchema,
    itemId: ZIdSchema,
    type: ZEventTypeSchema,
    at: ZTimestampSchema.optional(),
    /** The variant the user was shown, so clicks can be credited to it. */
    variantId: ZIdSchema.optional(),
    /** The `servedId` of the feed item the event is about: credits it to that exposure's variant. */
    servedId: z.string().min(1).max(64).optional(),
    value: z.number().optional(),
  })
  .meta({ id: 'EventInput' });
export type TEventInput = z.infer<typeof ZEventInputSchema>;

export const ZEventSchema = ZEventInputSchema.extend({
  at: ZTimestampSchema,
  variantId: ZIdSchema.nullable(),
  servedId: z.string().nullable(),
  value: z.number().nullable(),
}).meta({ id: 'Event' });
export type TEvent = z.infer<typeof ZEventSchema>;

export const ZEventBatchSchema = z
  .object({ events: z.array(ZEventInputSchema).min(1).max(5000) })
  .meta({ id: 'EventBatch' });
export type TEventBatch = z.infer<typeof ZEventBatchSchema>;

export const ZEventBatchResultSchema = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.array(
      z.object({ index: z.number().int(), id: z.string(), code: z.string(), detail: z.string() }),
    ),
    /**
     * New events that carried a servedId: credited to their exposure (`attributed`), already
     * credited with an event of the same type (`duplicates`), or with no exposure of that user and
     * item under that servedId (`withoutExposure`).
     */
    attribution: z.object({
      attributed: z.number().int(),
      duplicates: z.number().int(),
      withoutExposure: z.number().int(),
    }),
  })
  .meta({ id: 'EventBatchResult' });
export type TEventBatchResult = z.infer<typeof ZEventBatchResultSchema>;

export const ZItemEventCountsQuerySchema = z.object({ itemId: ZIdSchema });
export type TItemEventCountsQuery = z.infer<typeof ZItemEventCountsQuerySchema>;

/** How often users did each thing with one item, over all time (the studio's item page shows it). */
export const ZItemEventCountsSchema = z
  .object({
    itemId: ZIdSchema,
    counts: z.record(ZEventTypeSchema, z.number().int().nonnegative()),
    total: z.number().int().nonnegative(),
  })
  .meta({ id: 'ItemEventCounts' });
export type TItemEventCounts = z.infer<typeof ZItemEventCountsSchema>;
