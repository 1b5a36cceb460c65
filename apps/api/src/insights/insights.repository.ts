import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { exposureOutcomes, exposures, segments } from '../db/schema.js';

export interface ArmDayRow {
  item_id: string;
  segment_id: string;
  arm: string;
  day: string;
  exposures: number;
  clicks: number;
  /** Exposures chosen afresh under `uniform` (not sticky repeats): what the sample-ratio test counts. */
  uniform_first: number;
  policies: string;
}

export interface SegmentKindRow {
  segment_id: string;
  segment_name: string | null;
  kind: 'control' | 'text' | 'text_and_image';
  exposures: number;
  clicks: number;
}

export interface TimeRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** Aggregates of the exposure log for insights; only exposures where a policy chose among arms. */
@Injectable()
export class InsightsRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  async armDays(workspaceId: string, filter: TimeRange & { itemId?: string | undefined; segmentId?: string | undefined; variantId?: string | undefined }): Promise<ArmDayRow[]> {
    const conditions: SQL[] = [sql`e.workspace_id = ${workspaceId}`, sql`e.policy is not null`, ...this.range(filter)];
    if (filter.itemId) conditions.push(sql`e.item_id = ${filter.itemId}`);
    if (filter.segmentId) conditions.push(sql`e.segment_id = ${filter.segmentId}`);
    if (filter.variantId) {
      conditions.push(sql`(e.item_id, e.segment_id) in (
        select item_id, segment_id from ${exposures} where workspace_id = ${workspaceId} and arm = ${filter.variantId})`);
    }
    const result = await this.handle.db.execute(sql`
      select e.item_id, e.segment_id, e.arm, to_char(e.served_at at time zone 'UTC', 'YYYY-MM-DD') as day,
        count(*)::int as exposures, count(o.served_id)::int as clicks,
        (count(*) filter (where e.policy = 'uniform' and not e.sticky))::int as uniform_first,
        string_agg(distinct e.policy, ',') as policies
      from ${exposures} e
      left join ${exposureOutcomes} o on o.workspace_id = e.workspace_id and o.served_id = e.served_id and o.type = 'click'
      where ${sql.join(conditions, sql` and `)}
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4
    `);
    return (result as unknown as { rows: ArmDayRow[] }).rows;
  }

  async segmentKinds(workspaceId: string, range: TimeRange): Promise<SegmentKindRow[]> {
    const conditions: SQL[] = [sql`e.workspace_id = ${workspaceId}`, sql`e.policy is not null`, ...this.range(range)];
    const result = await this.handle.db.execute(sql`
      select e.segment_id, s.name as segment_name,
        case when e.arm = 'control' then 'control' when e.image_variant_id is null then 'text' else 'text_and_image' end as kind,
        count(*)::int as exposures, count(o.served_id)::int as clicks
      from ${exposures} e
      left join ${exposureOutcomes} o on o.workspace_id = e.workspace_id and o.served_id = e.served_id and o.type = 'click'
      left join ${segments} s on s.id = e.segment_id
      where ${sql.join(conditions, sql` and `)}
      group by 1, 2, 3
      order by 1, 3
    `);
    return (result as unknown as { rows: SegmentKindRow[] }).rows;
  }

  private range(range: TimeRange): SQL[] {
    return [
      ...(range.from ? [sql`e.served_at >= ${range.from}::timestamptz`] : []),
      ...(range.to ? [sql`e.served_at < ${range.to}::timestamptz`] : []),
    ];
  }
}
