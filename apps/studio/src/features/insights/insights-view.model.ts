import type { components } from '../../api/schema.gen.js';

export type VariantInsights = components['schemas']['VariantInsights'];
export type VariantTest = VariantInsights['tests'][number];
export type ArmInsight = VariantTest['arms'][number];
export type InsightsOverview = components['schemas']['InsightsOverview'];
export type SegmentOverview = InsightsOverview['segments'][number];

/** What the Insights screen filters by, as search parameters (dates are calendar days, `to` inclusive). */
export interface InsightsFilters {
  itemId?: string | undefined;
  segmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * The API's query for the filters: a day range in UTC, `from` at its first instant and `to` made
 * exclusive at the start of the next day (the API's `to` is exclusive). A range that ends before
 * it starts is refused here, with the field to fix, rather than asking for an empty answer.
 */
export function insightsQuery(filters: InsightsFilters):
  | { ok: true; variants: { itemId?: string; segmentId?: string; from?: string; to?: string; limit: number }; overview: { from?: string; to?: string } }
  | { ok: false; field: 'to'; message: string } {
  const from = isDay(filters.from) ? `${filters.from}T00:00:00.000Z` : undefined;
  const to = isDay(filters.to) ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS).toISOString() : undefined;
  if (from && to && Date.parse(to) <= Date.parse(from)) return { ok: false, field: 'to', message: 'The range ends before it starts.' };
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return {
    ok: true,
    variants: { ...(filters.itemId ? { itemId: filters.itemId } : {}), ...(filters.segmentId ? { segmentId: filters.segmentId } : {}), ...range, limit: 50 },
    overview: range,
  };
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

export function signedPercent(value: number, digits = 1): string {
  return `${value > 0 ? '+' : ''}${percent(value, digits)}`;
}

/** Arms by name: the original is "Control"; variants by a short id that still tells them apart. */
export function armLabel(arm: Pick<ArmInsight, 'arm' | 'variantId'>): string {
  if (arm.variantId === null || arm.arm === 'control') return 'Control';
  return `Variant …${arm.arm.slice(-6)}`;
}

export interface ArmRow {
  arm: string;
  label: string;
  exposures: number;
  clicks: number;
  ctr: number;
  ctrLow: number;
  ctrHigh: number;
  /** Distances below and above the CTR, as an error bar draws them. */
  ctrError: [number, number];
  probabilityToBeBest: number;
  uplift: { estimate: number; low: number; high: number; error: [number, number] } | null;
  best: boolean;
}

/** One row per arm with what the charts draw: CTR and its interval as error distances, P(best), uplift. */
export function armRows(test: VariantTest): ArmRow[] {
  const bestProbability = Math.max(...test.arms.map((arm) => arm.probabilityToBeBest));
  return test.arms.map((arm) => ({
    arm: arm.arm,
    label: armLabel(arm),
    exposures: arm.exposures,
    clicks: arm.clicks,
    ctr: arm.ctr,
    ctrLow: arm.ctrInterval.low,
    ctrHigh: arm.ctrInterval.high,
    ctrError: [Math.max(0, arm.ctr - arm.ctrInterval.low), Math.max(0, arm.ctrInterval.high - arm.ctr)],
    probabilityToBeBest: arm.probabilityToBeBest,
    uplift: arm.uplift
      ? {
          ...arm.uplift,
          error: [Math.max(0, arm.uplift.estimate - arm.uplift.low), Math.max(0, arm.uplift.high - arm.uplift.estimate)],
        }
      : null,
    best: test.arms.length > 1 && arm.probabilityToBeBest === bestProbability,
  }));
}

/** The per-day series pivoted for a line chart: one row per day, one column (the arm id) per arm's CTR. */
export function dailySeries(test: VariantTest): { days: Record<string, number | string | null>[]; arms: { key: string; label: string }[] } {
  const days = [...new Set(test.arms.flatMap((arm) => arm.daily.map((d) => d.day)))].sort();
  const rows = days.map((day) => {
    const row: Record<string, number | string | null> = { day };
    for (const arm of test.arms) row[arm.arm] = arm.daily.find((d) => d.day === day)?.ctr ?? null;
    return row;
  });
  return { days: rows, arms: test.arms.map((arm) => ({ key: arm.arm, label: armLabel(arm) })) };
}

/** The sample-ratio-mismatch warning in words, where the API flags one; null otherwise. */
export function sampleRatioWarning(test: VariantTest): string | null {
  const ratio = test.sampleRatio;
  if (!ratio?.mismatch) return null;
  const labels = new Map(test.arms.map((arm) => [arm.arm, armLabel(arm)]));
  const observed = Object.entries(ratio.observed)
    .map(([arm, n]) => `${labels.get(arm) ?? arm} ${n}`)
    .join(', ');
  const p = ratio.pValue < 0.0001 ? 'p < 0.0001' : `p = ${ratio.pValue.toFixed(4)}`;
  return (
    `The uniform split is off: first exposures ${observed} (χ² = ${ratio.statistic.toFixed(1)}, ${p}). ` +
    'Assignment or logging is broken somewhere, so this test’s numbers are suspect.'
  );
}

export interface SegmentRow {
  segmentId: string;
  label: string;
  controlCtr: number;
  controlError: [number, number];
  personalizedCtr: number;
  personalizedError: [number, number];
  uplift: { estimate: number; low: number; high: number; error: [number, number] } | null;
  control: SegmentOverview['control'];
  personalized: SegmentOverview['personalized'];
  byKind: SegmentOverview['byKind'];
}

const errorOf = (rate: { ctr: number; ctrInterval: { low: number; high: number } }): [number, number] => [
  Math.max(0, rate.ctr - rate.ctrInterval.low),
  Math.max(0, rate.ctrInterval.high - rate.ctr),
];

/** Per segment: control against personalized (with intervals) and the pooled uplift, for the overview chart and table. */
export function segmentRows(overview: InsightsOverview): SegmentRow[] {
  return overview.segments.map((segment) => ({
    segmentId: segment.segmentId,
    label: segment.segmentName ?? segment.segmentId,
    controlCtr: segment.control.ctr,
    controlError: errorOf(segment.control),
    personalizedCtr: segment.personalized.ctr,
    personalizedError: errorOf(segment.personalized),
    uplift: segment.uplift
      ? { ...segment.uplift, error: [Math.max(0, segment.uplift.estimate - segment.uplift.low), Math.max(0, segment.uplift.high - segment.uplift.estimate)] }
      : null,
    control: segment.control,
    personalized: segment.personalized,
    byKind: segment.byKind,
  }));
}

export const KIND_LABELS: Record<SegmentOverview['byKind'][number]['kind'], string> = {
  text: 'Text only',
  text_and_image: 'Text and image',
};

/** What a test's uplift says in a sentence: only an interval that excludes zero is called a win or a loss. */
export function upliftVerdict(uplift: { estimate: number; low: number; high: number } | null): string {
  if (!uplift) return 'no control to compare with';
  if (uplift.low > 0) return `better than control (${signedPercent(uplift.estimate)})`;
  if (uplift.high < 0) return `worse than control (${signedPercent(uplift.estimate)})`;
  return `not distinguishable from control yet (${signedPercent(uplift.estimate)})`;
}
