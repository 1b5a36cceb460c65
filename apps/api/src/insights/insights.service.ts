import { Inject, Injectable } from '@nestjs/common';
import { CONTROL_ARM, armFromCounts, chiSquaredTest, compareArms, seededUniform, wilsonInterval } from '@persona/recommender';
import type {
  TArmInsight,
  TDeliveryPolicy,
  TInsightsOverview,
  TInsightsOverviewQuery,
  TVariantInsights,
  TVariantInsightsQuery,
  TVariantTestInsight,
} from '@persona/shared';
import { InsightsRepository, type ArmDayRow } from './insights.repository.js';

/** Posterior draws behind probability-to-be-best and uplift intervals (seeded: same data, same answer). */
export const INSIGHT_DRAWS = 10_000;
/** Below this p-value a `uniform` split is reported as a sample-ratio mismatch. */
export const SRM_P_VALUE = 0.001;

function rate(exposures: number, clicks: number) {
  return { exposures, clicks, ctr: exposures ? clicks / exposures : 0, ctrInterval: wilsonInterval(clicks, exposures) };
}

@Injectable()
export class InsightsService {
  constructor(@Inject(InsightsRepository) private readonly repo: InsightsRepository) {}

  async variants(workspaceId: string, query: TVariantInsightsQuery): Promise<TVariantInsights> {
    const rows = await this.repo.armDays(workspaceId, query);
    const byTest = new Map<string, ArmDayRow[]>();
    for (const row of rows) {
      const key = `${row.item_id}\u0000${row.segment_id}`;
      byTest.set(key, [...(byTest.get(key) ?? []), row]);
    }
    const tests = [...byTest.values()].map((testRows) => this.test(testRows));
    tests.sort((a, b) => b.exposures - a.exposures || a.itemId.localeCompare(b.itemId) || a.segmentId.localeCompare(b.segmentId));
    return { from: query.from ?? null, to: query.to ?? null, tests: tests.slice(0, query.limit) };
  }

  async overview(workspaceId: string, query: TInsightsOverviewQuery): Promise<TInsightsOverview> {
    const rows = await this.repo.segmentKinds(workspaceId, query);
    const bySegment = new Map<string, typeof rows>();
    for (const row of rows) bySegment.set(row.segment_id, [...(bySegment.get(row.segment_id) ?? []), row]);
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      segments: [...bySegment.entries()].map(([segmentId, kinds]) => {
        const control = kinds.find((k) => k.kind === 'control') ?? { exposures: 0, clicks: 0 };
        const personalizedKinds = kinds.filter((k) => k.kind !== 'control');
        const personalized = personalizedKinds.reduce((sum, k) => ({ exposures: sum.exposures + k.exposures, clicks: sum.clicks + k.clicks }), { exposures: 0, clicks: 0 });
        const hasBoth = control.exposures > 0 && personalized.exposures > 0;
        const [, compared] = hasBoth
          ? compareArms(
              [armFromCounts(CONTROL_ARM, control.exposures, control.clicks), armFromCounts('personalized', personalized.exposures, personalized.clicks)],
              CONTROL_ARM,
              INSIGHT_DRAWS,
              seededUniform(`${segmentId}/${control.exposures}/${control.clicks}/${personalized.exposures}/${personalized.clicks}`),
            )
          : [];
        return {
          segmentId,
          segmentName: kinds[0]?.segment_name ?? null,
          control: rate(control.exposures, control.clicks),
          personalized: rate(personalized.exposures, personalized.clicks),
          byKind: personalizedKinds.map((k) => ({ kind: k.kind as 'text' | 'text_and_image', ...rate(k.exposures, k.clicks) })),
          uplift: compared?.uplift ?? null,
        };
      }),
    };
  }

  private test(rows: ArmDayRow[]): TVariantTestInsight {
    const arms = new Map<string, { exposures: number; clicks: number; uniformFirst: number; daily: TArmInsight['daily'] }>();
    const policies = new Set<TDeliveryPolicy>();
    for (const row of rows) {
      const arm = arms.get(row.arm) ?? { exposures: 0, clicks: 0, uniformFirst: 0, daily: [] };
      arm.exposures += row.exposures;
      arm.clicks += row.clicks;
      arm.uniformFirst += row.uniform_first;
      arm.daily.push({ day: row.day, exposures: row.exposures, clicks: row.clicks, ctr: row.exposures ? row.clicks / row.exposures : 0 });
      arms.set(row.arm, arm);
      for (const policy of row.policies.split(',')) policies.add(policy as TDeliveryPolicy);
    }
    // Control first, then variants in id order: a stable order for the seeded comparison.
    const ids = [...arms.keys()].sort((a, b) => (a === CONTROL_ARM ? -1 : b === CONTROL_ARM ? 1 : a.localeCompare(b)));
    const state = ids.map((id) => armFromCounts(id, arms.get(id)!.exposures, arms.get(id)!.clicks));
    const comparison = compareArms(state, arms.has(CONTROL_ARM) ? CONTROL_ARM : null, INSIGHT_DRAWS, seededUniform(state.map((a) => `${a.id}:${a.successes}:${a.failures}`).join('|')));
    const uniformArms = ids.filter((id) => arms.get(id)!.uniformFirst > 0);
    let sampleRatio: TVariantTestInsight['sampleRatio'] = null;
    if (uniformArms.length >= 2) {
      const observed = uniformArms.map((id) => arms.get(id)!.uniformFirst);
      const test = chiSquaredTest(observed, observed.map(() => 1));
      sampleRatio = {
        observed: Object.fromEntries(uniformArms.map((id, i) => [id, observed[i]!])),
        statistic: test.statistic,
        pValue: test.pValue,
        mismatch: test.pValue < SRM_P_VALUE,
      };
    }
    return {
      itemId: rows[0]!.item_id,
      segmentId: rows[0]!.segment_id,
      policies: [...policies].sort(),
      exposures: state.reduce((n, a) => n + a.successes + a.failures, 0),
      arms: ids.map((id, i) => {
        const arm = arms.get(id)!;
        return {
          arm: id,
          variantId: id === CONTROL_ARM ? null : id,
          ...rate(arm.exposures, arm.clicks),
          probabilityToBeBest: comparison[i]!.probabilityToBeBest,
          uplift: comparison[i]!.uplift,
          daily: arm.daily,
        };
      }),
      sampleRatio,
    };
  }
}
