import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TTextContent, TVariant, TVariantKind, TVariantListQuery, TVariantPage, TVariantQueueQuery } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { byWorkspace, groupCommit } from '../db/group-commit.js';
import { afterCursor, keysetOrder, toPage } from '../db/keyset-page.js';
import { generationChildren, variants } from '../db/schema.js';

type VariantRow = typeof variants.$inferSelect;
export interface TextWithSiblings {
  existing: TVariant | null;
  siblings: TTextContent[];
}
export type NewVariant = Omit<typeof variants.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

function toVariant(row: VariantRow): TVariant {
  return {
    id: row.id,
    itemId: row.itemId,
    segmentId: row.segmentId,
    kind: row.kind,
    status: row.status,
    text: row.text ?? null,
    images: row.images,
    provenance: row.provenance,
    guardrails: row.guardrails,
    failureReason: row.failureReason,
    editedByHuman: row.editedByHuman,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface VariantKey {
  workspaceId: string;
  itemId: string;
  segmentId: string;
  kind: TVariantKind;
  inputsHash: string;
}

function keyWhere(key: VariantKey) {
  return and(
    eq(variants.workspaceId, key.workspaceId),
    eq(variants.itemId, key.itemId),
    eq(variants.segmentId, key.segmentId),
    eq(variants.kind, key.kind),
    eq(variants.inputsHash, key.inputsHash),
  );
}

@Injectable()
export class VariantsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  async findByKey(key: VariantKey): Promise<TVariant | null> {
    const [row] = await this.db.select().from(variants).where(keyWhere(key));
    return row ? toVariant(row) : null;
  }

  /**
   * Same inputs, same variant: a second insert of a key returns the stored one, untouched, unless
   * the stored one failed, which the new attempt replaces.
   */
  async insertOrGet(variant: NewVariant & VariantKey): Promise<{ variant: TVariant; created: boolean }> {
    const { workspaceId: _w, itemId: _i, segmentId: _s, kind: _k, inputsHash: _h, ...content } = variant;
    const [row] = await this.db
      .insert(variants)
      .values({ id: `var_${randomUUID()}`, ...variant })
      .onConflictDoUpdate({
        target: [variants.workspaceId, variants.itemId, variants.segmentId, variants.kind, variants.inputsHash],
        set: { images: [], text: null, failureReason: null, sourceVariantId: null, ...content, updatedAt: new Date() },
        setWhere: eq(variants.status, 'failed'),
      })
      .returning();
    if (row) return { variant: toVariant(row), created: true };
    const [stored] = await this.db.select().from(variants).where(keyWhere(variant));
    return { variant: toVariant(stored!), created: false };
  }

  /**
   * The stored text variant for a key and the texts of the same item for the other segments (for
   * the distinctness check), newest first. Concurrent calls share one query (see `groupCommit`).
   */
  readonly textWithSiblings: (key: VariantKey) => Promise<TextWithSiblings> = groupCommit(async (keys: readonly VariantKey[]) => {
    const byItem = new Map<string, VariantRow[]>();
    for (const [workspaceId, group] of byWorkspace(keys)) {
      const rows = await this.db
        .select()
        .from(variants)
        .where(
          and(
            eq(variants.workspaceId, workspaceId),
            inArray(variants.itemId, [...new Set(group.map((key) => key.itemId))]),
            eq(variants.kind, 'text'),
          ),
        )
        .orderBy(desc(variants.createdAt), desc(variants.id));
      for (const row of rows) byItem.set(`${workspaceId}/${row.itemId}`, [...(byItem.get(`${workspaceId}/${row.itemId}`) ?? []), row]);
    }
    return keys.map((key) => {
      const rows = byItem.get(`${key.workspaceId}/${key.itemId}`) ?? [];
      const existing = rows.find((row) => row.segmentId === key.segmentId && row.inputsHash === key.inputsHash);
      return {
        existing: existing ? toVariant(existing) : null,
        siblings: rows.flatMap((row) => (row.segmentId !== key.segmentId && row.text ? [row.text] : [])),
      };
    });
  });

  async find(workspaceId: string, id: string): Promise<TVariant | null> {
    const [row] = await this.db
      .select()
      .from(variants)
      .where(and(eq(variants.workspaceId, workspaceId), eq(variants.id, id)));
    return row ? toVariant(row) : null;
  }

  async listForItem(workspaceId: string, itemId: string, query: TVariantListQuery): Promise<TVariant[]> {
    const rows = await this.db
      .select()
      .from(variants)
      .where(
        and(
          eq(variants.workspaceId, workspaceId),
          eq(variants.itemId, itemId),
          query.segmentId ? eq(variants.segmentId, query.segmentId) : undefined,
          query.kind ? eq(variants.kind, query.kind) : undefined,
          query.status ? eq(variants.status, query.status) : undefined,
        ),
      )
      .orderBy(desc(variants.createdAt), desc(variants.id));
    return rows.map(toVariant);
  }

  /** Variants across items for the review queue: keyset pages over (createdAt, id), newest first. */
  async page(workspaceId: string, query: TVariantQueueQuery): Promise<TVariantPage> {
    const rows = await this.db
      .select()
      .from(variants)
      .where(
        and(
          eq(variants.workspaceId, workspaceId),
          query.status === 'any' ? undefined : eq(variants.status, query.status),
          query.itemId ? eq(variants.itemId, query.itemId) : undefined,
          query.segmentId ? eq(variants.segmentId, query.segmentId) : undefined,
          query.kind ? eq(variants.kind, query.kind) : undefined,
          query.guardrail ? sql`${variants.guardrails}->>'status' = ${query.guardrail}` : undefined,
          // A job's children record the variant each produced; another workspace's job matches none of ours.
          query.jobId
            ? inArray(
                variants.id,
                this.db
                  .select({ id: sql<string>`${generationChildren.variantId}` })
                  .from(generationChildren)
                  .where(and(eq(generationChildren.jobId, query.jobId), sql`${generationChildren.variantId} is not null`)),
              )
            : undefined,
          afterCursor(variants, query.cursor),
        ),
      )
      .orderBy(...keysetOrder(variants))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, toVariant);
  }

  async update(
    workspaceId: string,
    id: string,
    changes: Partial<Pick<VariantRow, 'status' | 'text' | 'guardrails' | 'editedByHuman'>>,
  ): Promise<TVariant | null> {
    const [row] = await this.db
      .update(variants)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(variants.workspaceId, workspaceId), eq(variants.id, id)))
      .returning();
    return row ? toVariant(row) : null;
  }
}
