import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import type { TSegmentStyle, TTextContent } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { items, segments, variants } from '../db/schema.js';

export interface ConformanceRow {
  variant_id: string;
  item_id: string;
  segment_id: string;
  status: 'draft' | 'approved' | 'rejected';
  engine: string;
  text: TTextContent;
  title: string;
  body: string;
  category: string;
  tags: string[];
}

export interface ConformanceSegmentRow {
  id: string;
  name: string;
  style: TSegmentStyle;
}

/** The latest text variant of each (item, segment) pair, for the items whose variants changed last. */
@Injectable()
export class ConformanceRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  async latestTextVariants(
    workspaceId: string,
    filter: { segmentId?: string | undefined; category?: string | undefined; limit: number },
  ): Promise<ConformanceRow[]> {
    const conditions: SQL[] = [sql`v.workspace_id = ${workspaceId}`, sql`v.kind = 'text'`, sql`v.text is not null`, sql`v.status <> 'failed'`];
    if (filter.segmentId) conditions.push(sql`v.segment_id = ${filter.segmentId}`);
    const itemConditions: SQL[] = [sql`i.workspace_id = ${workspaceId}`];
    if (filter.category) itemConditions.push(sql`i.category = ${filter.category}`);
    const result = await this.handle.db.execute(sql`
      with latest as (
        select distinct on (v.item_id, v.segment_id)
          v.id as variant_id, v.item_id, v.segment_id, v.status, v.provenance->>'engine' as engine, v.text, v.updated_at
        from ${variants} v
        where ${sql.join(conditions, sql` and `)}
        order by v.item_id, v.segment_id, v.updated_at desc, v.id desc
      ),
      chosen as (
        select l.item_id, max(l.updated_at) as last_update
        from latest l join ${items} i on i.id = l.item_id
        where ${sql.join(itemConditions, sql` and `)}
        group by l.item_id
        order by last_update desc, l.item_id
        limit ${filter.limit}
      )
      select l.variant_id, l.item_id, l.segment_id, l.status, l.engine, l.text, i.title, i.body, i.category, i.tags
      from latest l
      join chosen c on c.item_id = l.item_id
      join ${items} i on i.id = l.item_id
      order by c.last_update desc, l.item_id, l.segment_id
    `);
    return (result as unknown as { rows: ConformanceRow[] }).rows;
  }

  async segmentsById(workspaceId: string, ids: readonly string[]): Promise<ConformanceSegmentRow[]> {
    if (ids.length === 0) return [];
    const result = await this.handle.db.execute(sql`
      select id, name, style from ${segments}
      where workspace_id = ${workspaceId} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
    `);
    return (result as unknown as { rows: ConformanceSegmentRow[] }).rows;
  }
}
