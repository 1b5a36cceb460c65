import { z } from 'zod';
import { ZIdSchema, ZTimestampSchema } from './common.js';

export const ALLOWED_IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export const ZImageFormatSchema = z.enum(ALLOWED_IMAGE_FORMATS);
export type TImageFormat = z.infer<typeof ZImageFormatSchema>;

export const ZAssetSchema = z
  .object({
    id: ZIdSchema,
    /** sha256 of the bytes: the asset's address in the file store and its ETag. */
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    contentType: z.string(),
    format: ZImageFormatSchema,
    bytes: z.number().int().nonnegative(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    url: z.string(),
    createdAt: ZTimestampSchema,
  })
  .meta({ id: 'Asset' });
export type TAsset = z.infer<typeof ZAssetSchema>;
