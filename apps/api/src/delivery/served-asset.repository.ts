import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { assets } from '../db/schema.js';

export type ServedAsset = typeof assets.$inferSelect;

/** Assets by id alone, for signed URLs: the signature, not a workspace key, authorizes the read. */
@Injectable()
export class ServedAssetRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  async find(assetId: string): Promise<ServedAsset | null> {
    const [asset] = await this.handle.db.select().from(assets).where(eq(assets.id, assetId));
    return asset ?? null;
  }
}
