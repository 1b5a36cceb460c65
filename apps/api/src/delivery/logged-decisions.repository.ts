import { sql } from 'drizzle-orm';
import type { LoggedDecision } from '@persona/recommender';
import type { DatabaseHandle } from '../db/database.js';
import { exposureOutcomes, exposures, variants } from '../db/schema.js';

/**
 * The decisions in the exposure log, for off-policy evaluation: fresh choices only (a sticky
 * repeat re-serves an earlier decision rather than making one), each with its click.
 */
export class LoggedDecisionsRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  async decisions(workspaceId: string, range: { from?: string; to?: string }): Promise<{ log: LoggedDecision[]; approvedAt: Map<string, number> }> {
    const result = await this.handle.db.execute(sql`
      select e.item_id, e.segment_id, e.arm, e.propensity, e.served_at, (o.served_id is not null) as clicked,
        v.updated_at as approved_at
      from ${exposures} e
      left join ${exposureOutcomes} o on o.workspace_id = e.workspace_id and o.served_id = e.served_id and o.type = 'click'
      left join ${variants} v on v.id = e.variant_id
      where e.workspace_id = ${workspaceId} and e.policy is not null and not e.sticky
        ${range.from ? sql`and e.served_at >= ${range.from}::timestamptz` : sql``}
        ${range.to ? sql`and e.served_at < ${range.to}::timestamptz` : sql``}
      order by e.served_at, e.served_id
    `);
    const rows = (result as unknown as {
      rows: { item_id: string; segment_id: string; arm: string; propensity: number; served_at: Date | string; clicked: boolean; approved_at: Date | string | null }[];
    }).rows;
    const approvedAt = new Map<string, number>();
    const log = rows.map((row) => {
      if (row.approved_at) approvedAt.set(row.arm, new Date(row.approved_at).getTime());
      return {
        testKey: `${row.item_id}/${row.segment_id}`,
        arm: row.arm,
        propensity: Number(row.propensity),
        reward: row.clicked ? 1 : 0,
        servedAt: new Date(row.served_at).getTime(),
      };
    });
    return { log, approvedAt };
  }
}
