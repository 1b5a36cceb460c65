import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import type { CatalogItem, Interaction } from '@persona/recommender';
import type { TAttributes } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { events, items, users } from '../db/schema.js';

export interface ItemSummary {
  title: string;
  category: string;
  tags: string[];
  imageAssetId: string | null;
}

/** Reads what a recommender fit needs, in the shapes the pure package takes. */
@Injectable()
export class RecommenderDataRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  async catalog(workspaceId: string): Promise<{ items: CatalogItem[]; summaries: Map<string, ItemSummary> }> {
    const rows = await this.handle.db
      .select({
        id: items.id,
        title: items.title,
        body: items.body,
        category: items.category,
        tags: items.tags,
        imageAssetId: items.imageAssetId,
        publishedAt: items.publishedAt,
      })
      .from(items)
      .where(eq(items.workspaceId, workspaceId));
    return {
      items: rows.map((r) => ({ ...r, publishedAt: r.publishedAt.getTime() })),
      summaries: new Map(
        rows.map((r) => [r.id, { title: r.title, category: r.category, tags: r.tags, imageAssetId: r.imageAssetId }]),
      ),
    };
  }

  async interactions(workspaceId: string): Promise<Interaction[]> {
    const rows = await this.handle.db
      .select({ userId: events.userId, itemId: events.itemId, type: events.type, at: events.at })
      .from(events)
      .where(eq(events.workspaceId, workspaceId))
      .orderBy(asc(events.at));
    return rows.map((r) => ({ userId: r.userId, itemId: r.itemId, type: r.type, at: r.at.getTime() }));
  }

  async userAttributes(workspaceId: string): Promise<Map<string, TAttributes>> {
    const rows = await this.handle.db
      .select({ id: users.id, attributes: users.attributes })
      .from(users)
      .where(eq(users.workspaceId, workspaceId));
    return new Map(rows.map((r) => [r.id, r.attributes]));
  }
}
