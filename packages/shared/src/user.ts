import { z } from 'zod';
import { pageOf, ZAttributesSchema, ZTimestampSchema } from './common.js';

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

export const ZUserPageSchema = pageOf(ZUserSchema).meta({ id: 'UserPage' });

export const ZUserBulkUpsertSchema = z
  .object({ users: z.array(ZUserUpsertSchema).min(1).max(10_000) })
  .meta({ id: 'UserBulkUpsert' });
export type TUserBulkUpsert = z.infer<typeof ZUserBulkUpsertSchema>;

export const ZUserBulkResultSchema = z
  .object({ upserted: z.number().int() })
  .meta({ id: 'UserBulkResult' });
