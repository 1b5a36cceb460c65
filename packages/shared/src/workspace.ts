import { z } from 'zod';
import { ZIdSchema, ZTimestampSchema } from './common.js';

export const ZRoleSchema = z.enum(['admin', 'creator', 'service', 'viewer']).meta({ id: 'Role' });
export type TRole = z.infer<typeof ZRoleSchema>;

export const ZWorkspaceSchema = z
  .object({ id: ZIdSchema, name: z.string().min(1).max(200), createdAt: ZTimestampSchema })
  .meta({ id: 'Workspace' });
export type TWorkspace = z.infer<typeof ZWorkspaceSchema>;

export const ZApiKeySchema = z
  .object({
    id: ZIdSchema,
    workspaceId: ZIdSchema,
    name: z.string(),
    role: ZRoleSchema,
    /** The first characters of the key, so people can tell keys apart without the secret. */
    prefix: z.string(),
    createdAt: ZTimestampSchema,
    lastUsedAt: ZTimestampSchema.nullable(),
    revokedAt: ZTimestampSchema.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type TApiKey = z.infer<typeof ZApiKeySchema>;

export const ZApiKeyCreateSchema = z
  .object({ name: z.string().min(1).max(200), role: ZRoleSchema })
  .meta({ id: 'ApiKeyCreate' });
export type TApiKeyCreate = z.infer<typeof ZApiKeyCreateSchema>;

/** The only response that ever contains the secret. */
export const ZApiKeyCreatedSchema = z
  .object({ apiKey: ZApiKeySchema, secret: z.string() })
  .meta({ id: 'ApiKeyCreated' });
export type TApiKeyCreated = z.infer<typeof ZApiKeyCreatedSchema>;

export const ZWorkspaceCreateSchema = z
  .object({ name: z.string().min(1).max(200) })
  .meta({ id: 'WorkspaceCreate' });
export type TWorkspaceCreate = z.infer<typeof ZWorkspaceCreateSchema>;

export const ZWorkspaceCreatedSchema = z
  .object({ workspace: ZWorkspaceSchema, admin: ZApiKeyCreatedSchema })
  .meta({ id: 'WorkspaceCreated' });
export type TWorkspaceCreated = z.infer<typeof ZWorkspaceCreatedSchema>;

export const ZWhoAmISchema = z
  .object({ workspace: ZWorkspaceSchema, apiKey: ZApiKeySchema })
  .meta({ id: 'WhoAmI' });
export type TWhoAmI = z.infer<typeof ZWhoAmISchema>;
