import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray } from 'drizzle-orm';
import type { TAsset } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { assets } from '../db/schema.js';

type AssetRow = typeof assets.$inferSelect;

export function toAsset(row: AssetRow): TAsset {
  return {
    id: row.id,
    sha256: row.sha256,
    contentType: row.contentType,
    format: row.format,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    url: `/v1/assets/${row.id}/content`,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class AssetsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  /** Returns the existing asset when the workspace already has these bytes. */
  async insertOrGet(row: typeof assets.$inferInsert): Promise<{ asset: TAsset; created: boolean }> {
    const [inserted] = await this.handle.db.insert(assets).values(row).onConflictDoNothing().returning();
    if (inserted) return { asset: toAsset(inserted), created: true };
    const [existing] = await this.handle.db
      .select()
      .from(assets)
      .where(and(eq(assets.workspaceId, row.workspaceId), eq(assets.sha256, row.sha256)));
    return { asset: toAsset(existing!), created: false };
  }

  async find(workspaceId: string, id: string): Promise<TAsset | null> {
    const [row] = await this.handle.db
      .select()
      .from(assets)
      .where(and(eq(assets.workspaceId, workspaceId), eq(assets.id, id)));
    return row ? toAsset(row) : null;
  }

  /** Which of these ids exist in the workspace. */
  async existingIds(workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.handle.db
      .select({ id: assets.id })
      .from(assets)
      .where(and(eq(assets.workspaceId, workspaceId), inArray(assets.id, ids)));
    return new Set(rows.map((r) => r.id));
  }
}
