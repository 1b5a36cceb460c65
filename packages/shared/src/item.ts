import { z } from 'zod';
import { pageOf, ZAttributesSchema, ZIdSchema, ZPageQuerySchema, ZTimestampSchema } from './common.js';

const ZTagsSchema = z.array(z.string().trim().min(1).max(64)).max(50);

/**
 * A BCP 47 language tag in its canonical case: language, then optionally a script and a region
 * ("es", "es-MX", "pt-BR", "zh-Hant-TW"). One spelling per locale, so "es-mx" and "es-MX" cannot
 * be two translations of the same item.
 */
export const ZLocaleTagSchema = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/, 'a BCP 47 language tag such as "es" or "es-MX"')
  .meta({ id: 'LocaleTag' });

/** At most this many translations per item: each may hold a body as long as the item's own. */
export const MAX_ITEM_TRANSLATIONS = 10;

/** An item's fields written in another language; generation for a segment of that locale starts from them. */
export const ZItemTranslationSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    /** Optional: a standfirst in that language; generation writes its own summary when absent. */
    summary: z.string().trim().max(1_000).optional(),
    body: z.string().max(100_000).default(''),
  })
  .meta({ id: 'ItemTranslation' });
export type TItemTranslation = z.infer<typeof ZItemTranslationSchema>;

/** Translations keyed by locale tag, e.g. `{ "es": { "title": "…", "body": "…" } }`. */
export const ZItemTranslationsSchema = z
  .record(ZLocaleTagSchema, ZItemTranslationSchema)
  .refine((translations) => Object.keys(translations).length <= MAX_ITEM_TRANSLATIONS, {
    message: `at most ${MAX_ITEM_TRANSLATIONS} translations per item`,
  })
  .meta({ id: 'ItemTranslations' });
export type TItemTranslations = z.infer<typeof ZItemTranslationsSchema>;

const itemFields = {
  externalId: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(500),
  body: z.string().max(100_000),
  category: z.string().trim().min(1).max(100),
  tags: ZTagsSchema,
  imageAssetId: ZIdSchema.nullable(),
  attributes: ZAttributesSchema,
  publishedAt: ZTimestampSchema,
  translations: ZItemTranslationsSchema,
};

/** What a creator or an import row provides for an item. */
export const ZItemInputSchema = z
  .object({
    ...itemFields,
    externalId: itemFields.externalId.optional(),
    body: itemFields.body.default(''),
    tags: itemFields.tags.default([]),
    imageAssetId: itemFields.imageAssetId.optional(),
    attributes: itemFields.attributes.default({}),
    publishedAt: itemFields.publishedAt.optional(),
    translations: itemFields.translations.default({}),
  })
  .meta({ id: 'ItemInput' });
export type TItemInput = z.infer<typeof ZItemInputSchema>;

/** Fields given replace the stored ones; no defaults, so an absent field is left alone. */
export const ZItemPatchSchema = z.object(itemFields).partial().meta({ id: 'ItemPatch' });
export type TItemPatch = z.infer<typeof ZItemPatchSchema>;

export const ZItemSchema = z
  .object({
    id: ZIdSchema,
    externalId: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    imageAssetId: ZIdSchema.nullable(),
    attributes: ZAttributesSchema,
    /** Keyed by locale tag; {} when the item has none. */
    translations: z.record(z.string(), ZItemTranslationSchema),
    publishedAt: ZTimestampSchema,
    createdAt: ZTimestampSchema,
    updatedAt: ZTimestampSchema,
  })
  .meta({ id: 'Item' });
export type TItem = z.infer<typeof ZItemSchema>;

export const ZItemPageSchema = pageOf(ZItemSchema).meta({ id: 'ItemPage' });
export type TItemPage = z.infer<typeof ZItemPageSchema>;

export const ZItemListQuerySchema = ZPageQuerySchema.extend({
  tag: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  /** Full-text search over title, tags and body. */
  q: z.string().trim().min(1).max(200).optional(),
}).meta({ id: 'ItemListQuery' });
export type TItemListQuery = z.infer<typeof ZItemListQuerySchema>;

export const ZImportRowErrorSchema = z
  .object({ line: z.number().int().positive(), errors: z.array(z.string()).min(1) })
  .meta({ id: 'ImportRowError' });

/** Result of a streamed bulk import: valid rows are kept even when others fail. */
export const ZImportReportSchema = z
  .object({
    format: z.enum(['ndjson', 'csv']),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
    errors: z.array(ZImportRowErrorSchema),
    /** Set when more rows failed than the report lists. */
    errorsTruncated: z.boolean(),
    durationMs: z.number(),
  })
  .meta({ id: 'ImportReport' });
export type TImportReport = z.infer<typeof ZImportReportSchema>;

/** One line of an NDJSON or CSV import: `externalId` is required so a re-import is an upsert. */
export const ZItemImportRowSchema = ZItemInputSchema.extend({
  externalId: z.string().trim().min(1).max(200),
}).meta({ id: 'ItemImportRow' });
export type TItemImportRow = z.infer<typeof ZItemImportRowSchema>;
