import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  TAttributes,
  TItemTranslations,
  TGenerationEstimate,
  TGenerationJobRequest,
  TGuardrailReport,
  TImageRendition,
  TProvenance,
  TSegmentRule,
  TSegmentStyle,
  TTextContent,
} from '@persona/shared';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
// Millisecond precision, as JavaScript dates have: keyset cursors round-trip exactly.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  // Moved by every write to the workspace's segments (SegmentsRepository), in the same transaction:
  // each API instance reads it with the user on every feed request and reloads its cached segments
  // when it has moved (CurrentSegments).
  segmentsVersion: integer('segments_version').notNull().default(0),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'creator', 'service', 'viewer'] }).notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.keyHash), index('api_keys_ws_idx').on(t.workspaceId)],
);

export const assets = pgTable(
  'assets',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    contentType: text('content_type').notNull(),
    format: text('format', { enum: ['jpeg', 'png', 'webp', 'avif', 'gif'] }).notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assets_ws_sha_idx').on(t.workspaceId, t.sha256)],
);

export const items = pgTable(
  'items',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    imageAssetId: text('image_asset_id').references(() => assets.id, { onDelete: 'set null' }),
    attributes: jsonb('attributes').$type<TAttributes>().notNull().default({}),
    /** The item's fields in other languages, by locale tag (`ZItemTranslationsSchema`). */
    translations: jsonb('translations').$type<TItemTranslations>().notNull().default({}),
    /** Hash of the stored content: lets a re-import tell "unchanged" from "updated" in SQL. */
    contentHash: text('content_hash').notNull(),
    search: tsvector('search').notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('items_ws_external_idx').on(t.workspaceId, t.externalId),
    index('items_ws_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('items_ws_category_idx').on(t.workspaceId, t.category),
    index('items_tags_idx').using('gin', t.tags),
    index('items_search_idx').using('gin', t.search),
  ],
);

export const users = pgTable(
  'users',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    attributes: jsonb('attributes').$type<TAttributes>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const segments = pgTable(
  'segments',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    rule: jsonb('rule').$type<TSegmentRule>().notNull(),
    style: jsonb('style').$type<TSegmentStyle>().notNull(),
    priority: integer('priority').notNull().default(100),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('segments_ws_idx').on(t.workspaceId, t.createdAt, t.id)],
);

export const events = pgTable(
  'events',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    userId: text('user_id').notNull(),
    itemId: text('item_id').notNull(),
    type: text('type', { enum: ['view', 'click', 'like', 'share', 'purchase', 'dismiss', 'impression', 'conversion'] }).notNull(),
    at: ts('at').notNull(),
    variantId: text('variant_id'),
    /** The exposure the event answers (the feed item's servedId), when the client sent it. */
    servedId: text('served_id'),
    value: doublePrecision('value'),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('events_ws_user_at_idx').on(t.workspaceId, t.userId, t.at),
    index('events_ws_item_idx').on(t.workspaceId, t.itemId),
  ],
);

/** One item adapted to one segment; unique per inputs so regenerating the same inputs is a no-op. */
export const variants = pgTable(
  'variants',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    segmentId: text('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['text', 'image'] }).notNull(),
    status: text('status', { enum: ['draft', 'approved', 'rejected', 'failed'] }).notNull(),
    inputsHash: text('inputs_hash').notNull(),
    text: jsonb('text').$type<TTextContent>(),
    images: jsonb('images').$type<TImageRendition[]>().notNull().default([]),
    provenance: jsonb('provenance').$type<TProvenance>().notNull(),
    guardrails: jsonb('guardrails').$type<TGuardrailReport>().notNull(),
    failureReason: text('failure_reason'),
    editedByHuman: boolean('edited_by_human').notNull().default(false),
    /**
     * An image variant's text variant: the one whose headline it carries (set at generation), so
     * the feed serves a text arm with its own image. Null for text variants.
     */
    sourceVariantId: text('source_variant_id').references((): AnyPgColumn => variants.id, { onDelete: 'set null' }),
    /**
     * A text variant's recipe without the item: a hash of the segment style and the engine it was
     * written with. A segment's variants sharing it are one family in the bandit's pooled prior
     * (bandit_families). Null for image variants and for text variants written before it existed.
     */
    styleKey: text('style_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('variants_inputs_idx').on(t.workspaceId, t.itemId, t.segmentId, t.kind, t.inputsHash),
    index('variants_item_idx').on(t.workspaceId, t.itemId, t.createdAt),
    // The review queue: a workspace's variants in one status, newest first.
    index('variants_review_idx').on(t.workspaceId, t.status, t.createdAt, t.id),
    index('variants_source_idx').on(t.sourceVariantId),
  ],
);

/** Embedding vectors keyed by model and a hash of the embedded text: computed once, shared by fits. */
export const itemEmbeddings = pgTable(
  'item_embeddings',
  {
    model: text('model').notNull(),
    key: text('key').notNull(),
    vector: real('vector').array().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.model, t.key] })],
);

/** A batch generation job; its BullMQ flow does the work, these rows are what it owes and has done. */
export const generationJobs = pgTable(
  'generation_jobs',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'completed', 'failed', 'canceled'] }).notNull(),
    request: jsonb('request').$type<TGenerationJobRequest>().notNull(),
    estimate: jsonb('estimate').$type<TGenerationEstimate>().notNull(),
    idempotencyKey: text('idempotency_key'),
    /** How many times failed children were sent again; names the retry's flow. */
    retries: integer('retries').notNull().default(0),
    /** openai-batch: the provider's batch id once submitted, so a re-run polls instead of paying twice. */
    providerBatchId: text('provider_batch_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    uniqueIndex('generation_jobs_idempotency_idx').on(t.workspaceId, t.idempotencyKey),
    index('generation_jobs_ws_created_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

/**
 * One child of a job: an (item, segment, kind) and what became of it. The table keeps the name of
 * its first migration (`generation_tasks`); everywhere else, code, API and docs, it is a child.
 */
export const generationChildren = pgTable(
  'generation_tasks',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => generationJobs.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    segmentId: text('segment_id').notNull(),
    kind: text('kind', { enum: ['text', 'image'] }).notNull(),
    status: text('status', { enum: ['pending', 'done', 'failed', 'skipped', 'canceled'] }).notNull(),
    variantId: text('variant_id'),
    failureReason: text('failure_reason'),
    attempts: integer('attempts').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.itemId, t.segmentId, t.kind] }),
    index('generation_tasks_status_idx').on(t.jobId, t.status),
  ],
);

/** How a workspace's feed chooses variants (absent row: the defaults in `DEFAULT_DELIVERY_SETTINGS`). */
export const deliverySettings = pgTable('delivery_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  policy: text('policy', { enum: ['thompson', 'uniform', 'fixed'] }).notNull(),
  controlEnabled: boolean('control_enabled').notNull(),
  explorationFloor: doublePrecision('exploration_floor').notNull(),
  stickyWindowSeconds: integer('sticky_window_seconds').notNull(),
  pooledPriorStrength: integer('pooled_prior_strength').notNull().default(300),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * One item served to one user in one feed response: the record attribution, the bandit and
 * off-policy evaluation rely on, written by the server (never by clients).
 */
export const exposures = pgTable(
  'exposures',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    servedId: text('served_id').notNull(),
    userId: text('user_id').notNull(),
    itemId: text('item_id').notNull(),
    /** The user's segment when served; null: in no segment. */
    segmentId: text('segment_id'),
    /** `control` or the served text variant's id. */
    arm: text('arm').notNull(),
    variantId: text('variant_id'),
    imageVariantId: text('image_variant_id'),
    /** null when there was no choice (no segment, no approved variant). */
    policy: text('policy', { enum: ['thompson', 'uniform', 'fixed'] }),
    reason: text('reason', { enum: ['no_segment', 'no_approved_variant', 'control'] }),
    propensity: doublePrecision('propensity').notNull(),
    position: integer('position').notNull(),
    sticky: boolean('sticky').notNull(),
    servedAt: ts('served_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.servedId] }),
    index('exposures_ws_served_idx').on(t.workspaceId, t.servedAt),
    index('exposures_ws_item_segment_idx').on(t.workspaceId, t.itemId, t.segmentId, t.servedAt),
  ],
);

/** What became of an exposure: at most one event of each type is credited to it. */
export const exposureOutcomes = pgTable(
  'exposure_outcomes',
  {
    workspaceId: text('workspace_id').notNull(),
    servedId: text('served_id').notNull(),
    type: text('type', { enum: ['view', 'click', 'like', 'share', 'purchase', 'dismiss', 'impression', 'conversion'] }).notNull(),
    eventId: text('event_id').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.servedId, t.type] }),
    foreignKey({ columns: [t.workspaceId, t.servedId], foreignColumns: [exposures.workspaceId, exposures.servedId] }).onDelete('cascade'),
  ],
);

/**
 * The bandit's state, shared by every API instance: exposures and credited clicks per arm of an
 * (item, segment). Moved by the statements that record exposures and credit clicks, so it never
 * drifts from the exposure log it could be rebuilt from.
 */
export const banditArms = pgTable(
  'bandit_arms',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    segmentId: text('segment_id').notNull(),
    arm: text('arm').notNull(),
    exposures: integer('exposures').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.itemId, t.segmentId, t.arm] })],
);

/**
 * The bandit_arms counters summed per family across a segment's items: `control`, or the style
 * key of the variants (variants.style_key). Moved by the same statements that move bandit_arms,
 * so the pooled priors every instance serves with are exact, not a cached aggregate.
 */
export const banditFamilies = pgTable(
  'bandit_families',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    segmentId: text('segment_id').notNull(),
    family: text('family').notNull(),
    exposures: integer('exposures').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.segmentId, t.family] })],
);

export const schema = {
  workspaces,
  apiKeys,
  assets,
  items,
  users,
  segments,
  events,
  variants,
  itemEmbeddings,
  generationJobs,
  generationChildren,
  deliverySettings,
  exposures,
  exposureOutcomes,
  banditArms,
  banditFamilies,
};
