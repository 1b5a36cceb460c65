import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, arrayContains, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { TItem, TItemInput, TItemListQuery, TItemPage } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { byWorkspace, groupCommit } from '../db/group-commit.js';
import { afterCursor, keysetOrder, toPage } from '../db/keyset-page.js';
import { items } from '../db/schema.js';
import { itemContentHash } from './item-content-hash.js';

type ItemRow = Omit<typeof items.$inferSelect, 'search'>;

export function toItem(row: ItemRow): TItem {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    body: row.body,
    category: row.category,
    tags: row.tags,
    imageAssetId: row.imageAssetId,
    attributes: row.attributes,
    translations: row.translations,
    publishedAt: row.publishedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Weighted full-text vector: title matches outrank tag matches, which outrank body matches. */
function searchVector(item: TItemInput): SQL {
  return sql`setweight(to_tsvector('english', ${item.title}), 'A')
    || setweight(to_tsvector('english', ${item.tags.join(' ')}), 'B')
    || setweight(to_tsvector('english', ${item.body}), 'C')`;
}

function rowValues(workspaceId: string, item: TItemInput) {
  return {
    workspaceId,
    externalId: item.externalId ?? null,
    title: item.title,
    body: item.body,
    category: item.category,
    tags: item.tags,
    imageAssetId: item.imageAssetId ?? null,
    attributes: item.attributes,
    translations: item.translations,
    contentHash: itemContentHash(item),
    search: searchVector(item),
  };
}

// The search vector is write-only: never shipped back to callers.
const { search: _search, ...selectColumns } = getTableColumns(items);

export interface ItemFilter {
  category?: string | undefined;
  tag?: string | undefined;
  /** Full-text search over title, tags and body. */
  q?: string | undefined;
}

const ID_CHUNK = 10_000;

function filterCondition(filter: ItemFilter): SQL | undefined {
  return and(
    filter.category ? eq(items.category, filter.category) : undefined,
    filter.tag ? arrayContains(items.tags, [filter.tag]) : undefined,
    filter.q ? sql`${items.search} @@ websearch_to_tsquery('english', ${filter.q})` : undefined,
  );
}

@Injectable()
export class ItemsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  async list(workspaceId: string, query: TItemListQuery): Promise<TItemPage> {
    const rows = await this.db
      .select(selectColumns)
      .from(items)
      .where(
        and(
          eq(items.workspaceId, workspaceId),
          filterCondition(query),
          afterCursor(items, query.cursor),
        ),
      )
      .orderBy(...keysetOrder(items))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, toItem);
  }

  /**
   * Every item among `ids`, or matching the filter, for batch jobs. Ids go in chunks: Postgres
   * takes at most 65,535 parameters in a statement.
   */
  async select(workspaceId: string, selection: { ids: string[] } | { filter: ItemFilter }): Promise<TItem[]> {
    const query = (condition: SQL | undefined) =>
      this.db.select(selectColumns).from(items).where(and(eq(items.workspaceId, workspaceId), condition)).orderBy(asc(items.id));
    if ('filter' in selection) return (await query(filterCondition(selection.filter))).map(toItem);
    const found: TItem[] = [];
    for (let start = 0; start < selection.ids.length; start += ID_CHUNK) {
      found.push(...(await query(inArray(items.id, selection.ids.slice(start, start + ID_CHUNK)))).map(toItem));
    }
    return found;
  }

  /** Concurrent calls share one query (see `groupCommit`): a worker's children each read their item. */
  readonly find: (workspaceId: string, id: string) => Promise<TItem | null> = (() => {
    const find = groupCommit(async (keys: readonly { workspaceId: string; id: string }[]) => {
      const found = new Map<string, TItem>();
      for (const [workspaceId, group] of byWorkspace(keys)) {
        const ids = [...new Set(group.map((key) => key.id))];
        const rows = await this.db
          .select(selectColumns)
          .from(items)
          .where(and(eq(items.workspaceId, workspaceId), inArray(items.id, ids)));
        for (const row of rows) found.set(`${workspaceId}/${row.id}`, toItem(row));
      }
      return keys.map((key) => found.get(`${key.workspaceId}/${key.id}`) ?? null);
    });
    return (workspaceId: string, id: string) => find({ workspaceId, id });
  })();

  async insert(workspaceId: string, item: TItemInput): Promise<TItem> {
    const [row] = await this.db
      .insert(items)
      .values({
        id: `itm_${randomUUID()}`,
        ...rowValues(workspaceId, item),
        ...(item.publishedAt ? { publishedAt: new Date(item.publishedAt) } : {}),
      })
      .returning(selectColumns);
    return toItem(row!);
  }

  async update(workspaceId: string, id: string, item: TItemInput): Promise<TItem | null> {
    const [row] = await this.db
      .update(items)
      .set({
        ...rowValues(workspaceId, item),
        ...(item.publishedAt ? { publishedAt: new Date(item.publishedAt) } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(items.workspaceId, workspaceId), eq(items.id, id)))
      .returning(selectColumns);
    return row ? toItem(row) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(items)
      .where(and(eq(items.workspaceId, workspaceId), eq(items.id, id)))
      .returning({ id: items.id });
    return rows.length > 0;
  }

  /**
   * Upserts by externalId, in one transaction. Rows whose content hash is unchanged are not touched,
   * so a repeated import writes nothing; `xmax = 0` tells freshly inserted rows from updated ones.
   * Callers must not pass the same externalId twice in one batch.
   */
  async upsertByExternalId(
    workspaceId: string,
    batch: (TItemInput & { externalId: string })[],
  ): Promise<{ created: number; updated: number }> {
    // One transaction, so a batch that fails leaves nothing behind and can be retried row by row.
    return this.db.transaction(async (tx) => {
      let created = 0;
      let updated = 0;
      // Rows that carry publishedAt overwrite it; rows that do not keep the stored one.
      const groups = [batch.filter((i) => i.publishedAt), batch.filter((i) => !i.publishedAt)];
      for (const [index, group] of groups.entries()) {
        if (group.length === 0) continue;
        const now = new Date();
        const result = await tx
          .insert(items)
          .values(
            group.map((item) => ({
              id: `itm_${randomUUID()}`,
              ...rowValues(workspaceId, item),
              publishedAt: item.publishedAt ? new Date(item.publishedAt) : now,
            })),
          )
          .onConflictDoUpdate({
            target: [items.workspaceId, items.externalId],
            set: {
              title: sql`excluded.title`,
              body: sql`excluded.body`,
              category: sql`excluded.category`,
              tags: sql`excluded.tags`,
              imageAssetId: sql`excluded.image_asset_id`,
              attributes: sql`excluded.attributes`,
              translations: sql`excluded.translations`,
              contentHash: sql`excluded.content_hash`,
              search: sql`excluded.search`,
              updatedAt: now,
              ...(index === 0 ? { publishedAt: sql`excluded.published_at` } : {}),
            },
            setWhere: sql`${items.contentHash} <> excluded.content_hash`,
          })
          .returning({ inserted: sql<boolean>`(xmax = 0)` });
        for (const row of result) {
          if (row.inserted) created += 1;
          else updated += 1;
        }
      }
      return { created, updated };
    });
  }

  /** Item ids and images by external id, for data that speaks the platform's own ids. */
  async byExternalId(workspaceId: string): Promise<Map<string, { id: string; imageAssetId: string | null }>> {
    const rows = await this.db
      .select({ id: items.id, externalId: items.externalId, imageAssetId: items.imageAssetId })
      .from(items)
      .where(eq(items.workspaceId, workspaceId));
    return new Map(rows.filter((r) => r.externalId).map((r) => [r.externalId!, r]));
  }

  async existingIds(workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.workspaceId, workspaceId), inArray(items.id, ids)));
    return new Set(rows.map((r) => r.id));
  }

  count(workspaceId: string): Promise<number> {
    return this.db.$count(items, eq(items.workspaceId, workspaceId));
  }
}
