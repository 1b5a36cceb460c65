import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TApiKey, TRole, TWorkspace } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { apiKeys, workspaces } from '../db/schema.js';

type ApiKeyRow = typeof apiKeys.$inferSelect;

function toWorkspace(row: typeof workspaces.$inferSelect): TWorkspace {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

function toApiKey(row: ApiKeyRow): TApiKey {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class WorkspacesRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  async insertWorkspace(id: string, name: string): Promise<TWorkspace> {
    const [row] = await this.db.insert(workspaces).values({ id, name }).returning();
    return toWorkspace(row!);
  }

  async findWorkspace(id: string): Promise<TWorkspace | null> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.id, id));
    return row ? toWorkspace(row) : null;
  }

  async countWorkspaces(): Promise<number> {
    return this.db.$count(workspaces);
  }

  async firstWorkspace(): Promise<TWorkspace | null> {
    const [row] = await this.db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
    return row ? toWorkspace(row) : null;
  }

  async insertApiKey(key: {
    id: string;
    workspaceId: string;
    name: string;
    role: TRole;
    prefix: string;
    keyHash: string;
  }): Promise<TApiKey> {
    const [row] = await this.db.insert(apiKeys).values(key).returning();
    return toApiKey(row!);
  }

  async findActiveKeyByHash(keyHash: string): Promise<TApiKey | null> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    return row ? toApiKey(row) : null;
  }

  async hasKeyHash(keyHash: string): Promise<boolean> {
    return (await this.db.$count(apiKeys, eq(apiKeys.keyHash, keyHash))) > 0;
  }

  async listKeys(workspaceId: string): Promise<TApiKey[]> {
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, workspaceId))
      .orderBy(asc(apiKeys.createdAt));
    return rows.map(toApiKey);
  }

  async revokeKey(workspaceId: string, id: string): Promise<TApiKey | null> {
    const [row] = await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    return row ? toApiKey(row) : null;
  }

  async touchKey(id: string, at: Date): Promise<void> {
    await this.db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
  }
}
