import { z } from 'zod';
import { pageOf, ZAttributesSchema, ZIdSchema, ZPageQuerySchema, ZTimestampSchema } from './common.js';

/** Audience members are identified by the platform's own user id. */
export const ZUserIdSchema = z.string().trim().min(1).max(200);

export const ZUserUpsertSchema = z
  .object({ id: ZUserIdSchema, attributes: ZAttributesSchema.default({}) })
  .meta({ id: 'UserUpsert' });
export type TUserUpsert = z.infer<typeof ZUserUpsertSchema>;

export const ZUserSchema = z
  .object({
    id: ZUserIdSchema,
    attributes: ZAttributesSchema,
    createdAt: ZTimestampSchema,
    updatedAt: ZTimestampSchema,
  })
  .meta({ id: 'User' });
export type TUser = z.infer<typeof ZUserSchema>;

/**
 * A user as the audience list shows them: with the segment they are assigned to, by the feed's own
 * precedence (the highest-priority segment whose rule matches, the older one on a tie), or null.
 */
export const ZUserListItemSchema = ZUserSchema.extend({
  segment: z.object({ id: ZIdSchema, name: z.string() }).nullable(),
}).meta({ id: 'UserListItem' });
export type TUserListItem = z.infer<typeof ZUserListItemSchema>;

export const ZUserPageSchema = pageOf(ZUserListItemSchema).meta({ id: 'UserPage' });

/** Keyset pages of users, optionally only those whose id contains `q` (case-insensitive). */
export const ZUserListQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
}).meta({ id: 'UserListQuery' });
export type TUserListQuery = z.infer<typeof ZUserListQuerySchema>;

export const ZUserBulkUpsertSchema = z
  .object({ users: z.array(ZUserUpsertSchema).min(1).max(10_000) })
  .meta({ id: 'UserBulkUpsert' });
export type TUserBulkUpsert = z.infer<typeof ZUserBulkUpsertSchema>;

export const ZUserBulkResultSchema = z
  .object({ upserted: z.number().int() })
  .meta({ id: 'UserBulkResult' });
