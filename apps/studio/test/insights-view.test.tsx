// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OverviewSection, TestCard } from '../src/features/insights/insights-sections.js';
import {
  armLabel,
  armRows,
  dailySeries,
  insightsQuery,
  sampleRatioWarning,
  segmentRows,
  upliftVerdict,
  type InsightsOverview,
  type VariantTest,
} from '../src/features/insights/insights-view.model.js';

afterEach(cleanup);

const VARIANT_A = 'var_0000000000000000aaaaaa';
const VARIANT_B = 'var_0000000000000000bbbbbb';

/** A uniform test as the API reports it: control and two variants, the second joined late (a skewed split). */
function skewedTest(): VariantTest {
  return {
    itemId: 'itm_basil',
    segmentId: 'seg_cohort',
    policies: ['uniform'],
    exposures: 100,
    arms: [
      {
        arm: 'control',
        variantId: null,
        exposures: 56,
        clicks: 11,
        ctr: 11 / 56,
        ctrInterval: { low: 0.113, high: 0.318 },
        probabilityToBeBest: 0.001,
        uplift: null,
        daily: [
          { day: '2026-12-02', exposures: 20, clicks: 3, ctr: 0.15 },
          { day: '2026-12-03', exposures: 36, clicks: 8, ctr: 8 / 36 },
        ],
      },
      {
        arm: VARIANT_A,
        variantId: VARIANT_A,
        exposures: 41,
        clicks: 20,
        ctr: 20 / 41,
        ctrInterval: { low: 0.343, high: 0.635 },
        probabilityToBeBest: 0.663,
        uplift: { estimate: 1.402, low: 0.357, high: 3.571 },
        daily: [
          { day: '2026-12-02', exposures: 20, clicks: 9, ctr: 0.45 },
          { day: '2026-12-03', exposures: 21, clicks: 11, ctr: 11 / 21 },
        ],
      },
      {
        arm: VARIANT_B,
        variantId: VARIANT_B,
        exposures: 3,
        clicks: 1,
        ctr: 1 / 3,
        ctrInterval: { low: 0.061, high: 0.792 },
        probabilityToBeBest: 0.336,
        uplift: { estimate: 0.869, low: -0.692, high: 4.05 },
        daily: [{ day: '2026-12-03', exposures: 3, clicks: 1, ctr: 1 / 3 }],
      },
    ],
    sampleRatio: { observed: { control: 56, [VARIANT_A]: 41, [VARIANT_B]: 3 }, statistic: 44.78, pValue: 1.9e-10, mismatch: true },
  };
}

describe('the insights view model', () => {
  it('turns each arm into chart rows: CTR with its interval as error distances, P(best) and uplift', () => {
    const rows = armRows(skewedTest());
    expect(rows.map((r) => r.label)).toEqual(['Control', 'Variant …aaaaaa', 'Variant …bbbbbb']);
    const [control, a, b] = rows;
    expect(control!.ctrError[0]).toBeCloseTo(11 / 56 - 0.113, 10);
    expect(control!.ctrError[1]).toBeCloseTo(0.318 - 11 / 56, 10);
    expect(control!.uplift).toBeNull();
    expect(a!.uplift!.error[0]).toBeCloseTo(1.402 - 0.357, 10);
    expect(a!.uplift!.error[1]).toBeCloseTo(3.571 - 1.402, 10);
    expect(rows.filter((r) => r.best).map((r) => r.arm)).toEqual([VARIANT_A]);
    expect(b!.ctrLow).toBe(0.061);
    for (const row of rows) expect(Math.min(...row.ctrError)).toBeGreaterThanOrEqual(0);
  });

  it('pivots the per-day series, leaving a day an arm was not served empty rather than zero', () => {
    const { days, arms } = dailySeries(skewedTest());
    expect(days.map((d) => d.day)).toEqual(['2026-12-02', '2026-12-03']);
    expect(days[0]).toMatchObject({ control: 0.15, [VARIANT_A]: 0.45, [VARIANT_B]: null });
    expect(days[1]![VARIANT_B]).toBeCloseTo(1 / 3, 10);
    expect(arms.map((a) => a.key)).toEqual(['control', VARIANT_A, VARIANT_B]);
  });

  it('words the sample-ratio warning only where the API flags a mismatch', () => {
    const test = skewedTest();
    expect(sampleRatioWarning(test)).toBe(
      'The uniform split is off: first exposures Control 56, Variant …aaaaaa 41, Variant …bbbbbb 3 (χ² = 44.8, p < 0.0001). ' +
        'Assignment or logging is broken somewhere, so this test’s numbers are suspect.',
    );
    expect(sampleRatioWarning({ ...test, sampleRatio: { ...test.sampleRatio!, mismatch: false } })).toBeNull();
    expect(sampleRatioWarning({ ...test, sampleRatio: null })).toBeNull();
  });

  it('calls an uplift a win or a loss only when its interval excludes zero', () => {
    expect(upliftVerdict({ estimate: 1.402, low: 0.357, high: 3.571 })).toBe('better than control (+140.2%)');
    expect(upliftVerdict({ estimate: -0.3, low: -0.5, high: -0.1 })).toBe('worse than control (-30.0%)');
    expect(upliftVerdict({ estimate: 0.869, low: -0.692, high: 4.05 })).toBe('not distinguishable from control yet (+86.9%)');
    expect(upliftVerdict(null)).toBe('no control to compare with');
    expect(armLabel({ arm: 'control', variantId: null })).toBe('Control');
  });

  it("turns the filters into the API's query: whole UTC days, the end made exclusive; a reversed range is refused", () => {
    expect(insightsQuery({ itemId: 'itm_1', segmentId: 'seg_1', from: '2026-12-01', to: '2026-12-03' })).toEqual({
      ok: true,
      variants: { itemId: 'itm_1', segmentId: 'seg_1', from: '2026-12-01T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z', limit: 50 },
      overview: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z' },
    });
    // One day: from its first instant to the next day's.
    expect(insightsQuery({ from: '2026-12-03', to: '2026-12-03' })).toMatchObject({ ok: true, overview: { from: '2026-12-03T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z' } });
    expect(insightsQuery({ from: '2026-12-05', to: '2026-12-03' })).toEqual({ ok: false, field: 'to', message: 'The range ends before it starts.' });
    // What is not a calendar day (typed into the URL) is ignored rather than sent.
    expect(insightsQuery({ from: '03/12/2026', to: '2026-13-45' })).toEqual({ ok: true, variants: { limit: 50 }, overview: {} });
  });

  it('compares control and personalized per segment with their intervals', () => {
    const overview: InsightsOverview = {
      from: null,
      to: null,
      segments: [
        {
          segmentId: 'seg_cohort',
          segmentName: 'Cohort',
          control: { exposures: 107, clicks: 20, ctr: 20 / 107, ctrInterval: { low: 0.124, high: 0.271 } },
          personalized: { exposures: 93, clicks: 36, ctr: 36 / 93, ctrInterval: { low: 0.294, high: 0.489 } },
          byKind: [{ kind: 'text_and_image', exposures: 93, clicks: 36, ctr: 36 / 93, ctrInterval: { low: 0.294, high: 0.489 } }],
          uplift: { estimate: 1.04, low: 0.304, high: 2.319 },
        },
        {
          segmentId: 'seg_unnamed',
          segmentName: null,
          control: { exposures: 0, clicks: 0, ctr: 0, ctrInterval: { low: 0, high: 0 } },
          personalized: { exposures: 4, clicks: 1, ctr: 0.25, ctrInterval: { low: 0.046, high: 0.699 } },
          byKind: [],
          uplift: null,
        },
      ],
    };
    const rows = segmentRows(overview);
    expect(rows.map((r) => r.label)).toEqual(['Cohort', 'seg_unnamed']);
    expect(rows[0]!.personalizedError[0]).toBeCloseTo(36 / 93 - 0.294, 10);
    expect(rows[0]!.uplift!.error[1]).toBeCloseTo(2.319 - 1.04, 10);
    expect(rows[1]!.uplift).toBeNull();

    render(<OverviewSection overview={overview} />);
    const table = screen.getByRole('table', { name: 'Personalized against control per segment' });
    expect(within(table).getByText('+104.0% (+30.4% – +231.9%)')).toBeTruthy();
    expect(within(table).getByText('· Text and image')).toBeTruthy();
  });
});

describe('the insights test card', () => {
  it('shows the warning, each arm with its interval, and which arm is most likely best', () => {
    render(<TestCard test={skewedTest()} title="Growing basil" segmentName="Cohort" />);
    expect(screen.getByRole('heading', { name: 'Growing basil · Cohort' })).toBeTruthy();
    expect(screen.getByText('Sample ratio mismatch')).toBeTruthy();
    expect(screen.getByTestId('srm-warning').textContent).toContain('Variant …bbbbbb 3');
    const table = screen.getByRole('table', { name: 'Arms of Growing basil for Cohort' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByTestId('arm-ctr').textContent)).toEqual([
      '19.6% (11.3% – 31.8%)',
      '48.8% (34.3% – 63.5%)',
      '33.3% (6.1% – 79.2%)',
    ]);
    expect(within(rows[1]!).getByText('most likely best')).toBeTruthy();
    expect(within(rows[0]!).getByText('baseline')).toBeTruthy();
    expect(within(rows[2]!).getByText(/not distinguishable from control yet/)).toBeTruthy();
  });

  it('shows no warning for a healthy split, and an empty overview says why', () => {
    const test = skewedTest();
    render(<TestCard test={{ ...test, sampleRatio: { ...test.sampleRatio!, mismatch: false } }} title="Growing basil" segmentName="Cohort" />);
    expect(screen.queryByText('Sample ratio mismatch')).toBeNull();
    cleanup();
    render(<OverviewSection overview={{ from: null, to: null, segments: [] }} />);
    expect(screen.getByText('No exposures in this range')).toBeTruthy();
  });
});
