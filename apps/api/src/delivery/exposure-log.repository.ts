import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { CONTROL_ARM } from '@persona/recommender';
import type { TDeliveryPolicy, TEventType, TServedReason } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { groupCommit } from '../db/group-commit.js';
import { banditArms, banditFamilies, exposureOutcomes, exposures, variants } from '../db/schema.js';

export interface Exposure {
  workspaceId: string;
  servedId: string;
  userId: string;
  itemId: string;
  segmentId: string | null;
  arm: string;
  variantId: string | null;
  imageVariantId: string | null;
  policy: TDeliveryPolicy | null;
  reason: TServedReason | null;
  propensity: number;
  position: number;
  sticky: boolean;
  servedAt: Date;
}

/** An ingested event that names the exposure it answers. */
export interface ExposureEvent {
  eventId: string;
  servedId: string;
  userId: string;
  itemId: string;
  type: TEventType;
  at: Date;
}

export interface AttributionCounts {
  attributed: number;
  duplicates: number;
  withoutExposure: number;
}

/**
 * The exposure log and the bandit counters it moves. Exposures are recorded off the response
 * path: `record` hands the row to a group commit (one statement for every exposure recorded
 * while the previous statement was in flight) and returns at once; shutdown waits for what is
 * still pending. Each statement also adds its exposures to the arms' counters, and crediting a
 * click adds it to its arm's (and to its family's, bandit_families), so the bandit's state is the
 * exposure log, summed.
 */
/** An arm's family for the pooled prior, in a statement that joins the arm's variant as `v`: control, or the variant's style key. */
const FAMILY_OF_ARM = sql.raw(`case when arm = '${CONTROL_ARM}' then '${CONTROL_ARM}' else v.style_key end`);

@Injectable()
export class ExposureLogRepository implements OnApplicationShutdown {
  private readonly logger = new Logger('ExposureLog');
  private readonly pending = new Set<Promise<unknown>>();
  private readonly write = groupCommit((batch: readonly Exposure[]) => this.insert(batch));
  private lost = 0;

  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  record(exposures: readonly Exposure[]): void {
    if (exposures.length === 0) return;
    // One pending entry per call (a feed's twenty exposures), not one per exposure: less bookkeeping on the response path.
    const written = Promise.allSettled(exposures.map((exposure) => this.write(exposure))).then((outcomes) => {
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') return;
        this.lost += 1;
        this.logger.error(`Exposure ${exposures[i]!.servedId} not recorded (${this.lost} so far): ${(outcome.reason as Error).message}`);
      });
    });
    this.pending.add(written);
    void written.finally(() => this.pending.delete(written));
  }

  /**
   * Resolves once every exposure recorded before the call is in the database (or has failed);
   * exposures recorded meanwhile are not waited for, so a busy instance cannot hold a caller forever.
   */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** Requests have stopped: write everything still pending. */
  async onApplicationShutdown(): Promise<void> {
    while (this.pending.size > 0) await this.drain();
  }

  private async insert(batch: readonly Exposure[]): Promise<true[]> {
    const rows = batch.map((e) => ({
      workspace_id: e.workspaceId,
      served_id: e.servedId,
      user_id: e.userId,
      item_id: e.itemId,
      segment_id: e.segmentId,
      arm: e.arm,
      variant_id: e.variantId,
      image_variant_id: e.imageVariantId,
      policy: e.policy,
      reason: e.reason,
      propensity: e.propensity,
      position: e.position,
      sticky: e.sticky,
      served_at: e.servedAt.toISOString(),
    }));
    // Counters are upserted in key order, as every writer does, so concurrent statements cannot deadlock.
    await this.handle.db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          workspace_id text, served_id text, user_id text, item_id text, segment_id text, arm text, variant_id text,
          image_variant_id text, policy text, reason text, propensity double precision, position int, sticky boolean,
          served_at timestamptz)
      ), written as (
        insert into ${exposures} (workspace_id, served_id, user_id, item_id, segment_id, arm, variant_id, image_variant_id,
          policy, reason, propensity, position, sticky, served_at)
        select workspace_id, served_id, user_id, item_id, segment_id, arm, variant_id, image_variant_id,
          policy, reason, propensity, position, sticky, served_at from input
        on conflict do nothing
        returning workspace_id, item_id, segment_id, arm, policy
      )      , arm_counts as (
        insert into ${banditArms} (workspace_id, item_id, segment_id, arm, exposures, clicks)
        select workspace_id, item_id, segment_id, arm, count(*), 0 from written
        where policy is not null
        group by workspace_id, item_id, segment_id, arm
        order by workspace_id, item_id, segment_id, arm
        on conflict (workspace_id, item_id, segment_id, arm) do update set exposures = ${banditArms}.exposures + excluded.exposures
      )
      insert into ${banditFamilies} (workspace_id, segment_id, family, exposures, clicks)
      select w.workspace_id, w.segment_id, ${FAMILY_OF_ARM} as family, count(*), 0
      from written w left join ${variants} v on v.id = w.arm and v.workspace_id = w.workspace_id
      where w.policy is not null and ${FAMILY_OF_ARM} is not null
      group by w.workspace_id, w.segment_id, family
      order by w.workspace_id, w.segment_id, family
      on conflict (workspace_id, segment_id, family) do update set exposures = ${banditFamilies}.exposures + excluded.exposures
    `);
    return batch.map(() => true);
  }

  /**
   * Credits events to their exposures: at most one event of each type per exposure, and only to
   * an exposure of the same user and item. Clicks move the arm's counter in the same statement.
   */
  async attribute(workspaceId: string, events: readonly ExposureEvent[]): Promise<AttributionCounts> {
    if (events.length === 0) return { attributed: 0, duplicates: 0, withoutExposure: 0 };
    await this.drain(); // an exposure this process served a moment ago is in the database first
    const rows = events.map((e, ord) => ({
      ord,
      event_id: e.eventId,
      served_id: e.servedId,
      user_id: e.userId,
      item_id: e.itemId,
      type: e.type,
      at: e.at.toISOString(),
    }));
    const result = await this.handle.db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          ord int, event_id text, served_id text, user_id text, item_id text, type text, at timestamptz)
      ), matched as (
        select distinct on (input.served_id, input.type) input.ord, input.served_id, input.type, input.event_id, input.at,
          e.item_id, e.segment_id, e.arm, e.policy
        from input join ${exposures} e
          on e.workspace_id = ${workspaceId} and e.served_id = input.served_id
          and e.user_id = input.user_id and e.item_id = input.item_id
        order by input.served_id, input.type, input.ord
      ), credited as (
        insert into ${exposureOutcomes} (workspace_id, served_id, type, event_id, at)
        select ${workspaceId}, served_id, type, event_id, at from matched
        on conflict do nothing
        returning served_id, type
      ), clicks as (
        insert into ${banditArms} (workspace_id, item_id, segment_id, arm, exposures, clicks)
        select ${workspaceId}, m.item_id, m.segment_id, m.arm, 0, count(*)
        from credited c join matched m on m.served_id = c.served_id and m.type = c.type
        where c.type = 'click' and m.policy is not null
        group by m.item_id, m.segment_id, m.arm
        order by m.item_id, m.segment_id, m.arm
        on conflict (workspace_id, item_id, segment_id, arm) do update set clicks = ${banditArms}.clicks + excluded.clicks
      ), family_clicks as (
        insert into ${banditFamilies} (workspace_id, segment_id, family, exposures, clicks)
        select ${workspaceId}, m.segment_id, ${FAMILY_OF_ARM} as family, 0, count(*)
        from credited c join matched m on m.served_id = c.served_id and m.type = c.type
        left join ${variants} v on v.id = m.arm and v.workspace_id = ${workspaceId}
        where c.type = 'click' and m.policy is not null and ${FAMILY_OF_ARM} is not null
        group by m.segment_id, family
        order by m.segment_id, family
        on conflict (workspace_id, segment_id, family) do update set clicks = ${banditFamilies}.clicks + excluded.clicks
      )
      select input.ord,
        exists (select 1 from matched m where m.served_id = input.served_id and m.type = input.type) as has_exposure,
        exists (select 1 from matched m join credited c on c.served_id = m.served_id and c.type = m.type
                where m.ord = input.ord) as credited
      from input
    `);
    const counts: AttributionCounts = { attributed: 0, duplicates: 0, withoutExposure: 0 };
    for (const row of (result as unknown as { rows: { has_exposure: boolean; credited: boolean }[] }).rows) {
      if (row.credited) counts.attributed += 1;
      else if (row.has_exposure) counts.duplicates += 1;
      else counts.withoutExposure += 1;
    }
    return counts;
  }
}
