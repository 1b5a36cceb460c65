import { z } from 'zod';

export const ZIdSchema = z.string().min(1).max(128);
/**
 * An ISO instant in the years 1000 to 9999 (UTC). PostgreSQL has no year 0 and JavaScript reads
 * years below 100 back as 19xx/20xx, so dates outside that range would fail or come back changed.
 */
export const ZTimestampSchema = z.iso.datetime({ offset: true }).refine((text) => {
  const year = new Date(text).getUTCFullYear();
  return year >= 1000 && year <= 9999;
}, 'a date between the years 1000 and 9999');

/** Opaque cursor pages: `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Cursors the API issues are far shorter; a longer one is refused before it is decoded. */
export const MAX_CURSOR_LENGTH = 512;

export const ZPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(MAX_CURSOR_LENGTH).optional(),
});

/** Free-form attributes: JSON scalars and arrays of scalars, enough for rules and filters. */
export const ZScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZAttributesSchema = z.record(
  z.string().min(1).max(64),
  z.union([ZScalarSchema, z.array(ZScalarSchema)]),
);
export type TAttributes = z.infer<typeof ZAttributesSchema>;
