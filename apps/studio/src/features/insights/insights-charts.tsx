import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { dailySeries, percent, signedPercent, type ArmRow, type SegmentRow, type VariantTest } from './insights-view.model.js';

// Colours with at least 3:1 contrast on white (WCAG non-text contrast): control grey, variants distinct hues.
const ARM_COLOURS = ['#4338ca', '#047857', '#b45309', '#be123c', '#0369a1', '#7e22ce'];
const CONTROL_COLOUR = '#475569';
const INTERVAL_COLOUR = '#0f172a';

export function armColour(arm: string, index: number): string {
  return arm === 'control' ? CONTROL_COLOUR : ARM_COLOURS[index % ARM_COLOURS.length]!;
}

const chartStyle = { width: '100%', height: 240 };
const axisTick = { fill: '#334155', fontSize: 12 };
const percentTick = (value: number) => percent(value, 0);

/** A chart with its caption; the numbers it draws are in the table beside it, for screen readers and exact reading. */
function Figure({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium text-slate-900">{caption}</figcaption>
      {children}
    </figure>
  );
}

export function CtrChart({ rows }: { rows: ArmRow[] }) {
  return (
    <Figure caption="Click-through rate per arm, with 95% intervals">
      <BarChart responsive style={chartStyle} data={rows} title="Click-through rate per arm with 95% intervals" margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} />
        <YAxis tickFormatter={percentTick} tick={axisTick} width={48} />
        <Tooltip formatter={(value) => percent(Number(value))} />
        <Bar dataKey="ctr" name="CTR" isAnimationActive={false} fill={ARM_COLOURS[0]}>
          {rows.map((row, index) => (
            <Cell key={row.arm} fill={armColour(row.arm, index)} />
          ))}
          <ErrorBar isAnimationActive={false} dataKey="ctrError" width={8} strokeWidth={2} stroke={INTERVAL_COLOUR} />
        </Bar>
      </BarChart>
    </Figure>
  );
}

export function ProbabilityBestChart({ rows }: { rows: ArmRow[] }) {
  return (
    <Figure caption="Probability to be best">
      <BarChart responsive style={chartStyle} data={rows} layout="vertical" title="Probability to be best per arm" margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 1]} tickFormatter={percentTick} tick={axisTick} />
        <YAxis type="category" dataKey="label" tick={axisTick} width={110} />
        <Tooltip formatter={(value) => percent(Number(value))} />
        <Bar dataKey="probabilityToBeBest" name="P(best)" isAnimationActive={false} fill={ARM_COLOURS[1]}>
          {rows.map((row, index) => (
            <Cell key={row.arm} fill={armColour(row.arm, index)} />
          ))}
        </Bar>
      </BarChart>
    </Figure>
  );
}

export function ArmUpliftChart({ rows }: { rows: ArmRow[] }) {
  const data = rows.filter((row) => row.uplift).map((row) => ({ label: row.label, uplift: row.uplift!.estimate, error: row.uplift!.error }));
  if (data.length === 0) {
    return (
      <Figure caption="Uplift over control">
        <p className="text-sm text-slate-700">No uplift to show: this test has no control arm with exposures.</p>
      </Figure>
    );
  }
  return (
    <Figure caption="Uplift over control, with 95% intervals">
      <UpliftBars data={data} title="Uplift of each variant over control with 95% intervals" />
    </Figure>
  );
}

export function DailyCtrChart({ test }: { test: VariantTest }) {
  const { days, arms } = dailySeries(test);
  return (
    <Figure caption="Click-through rate per day">
      {days.length === 0 ? (
        <p className="text-sm text-slate-700">No days with exposures in this range.</p>
      ) : (
        <LineChart responsive style={chartStyle} data={days} title="Click-through rate per day per arm" margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={axisTick} />
          <YAxis tickFormatter={percentTick} tick={axisTick} width={48} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend />
          {arms.map((arm, index) => (
            <Line key={arm.key} dataKey={arm.key} name={arm.label} stroke={armColour(arm.key, index)} strokeWidth={2} dot isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      )}
    </Figure>
  );
}

export function SegmentCtrChart({ rows }: { rows: SegmentRow[] }) {
  return (
    <Figure caption="Control against personalized, per segment, with 95% intervals">
      <BarChart responsive style={chartStyle} data={rows} title="Control and personalized click-through rate per segment" margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} />
        <YAxis tickFormatter={percentTick} tick={axisTick} width={48} />
        <Tooltip formatter={(value) => percent(Number(value))} />
        <Legend />
        <Bar dataKey="controlCtr" name="Control" isAnimationActive={false} fill={CONTROL_COLOUR}>
          <ErrorBar isAnimationActive={false} dataKey="controlError" width={6} strokeWidth={2} stroke={INTERVAL_COLOUR} />
        </Bar>
        <Bar dataKey="personalizedCtr" name="Personalized" isAnimationActive={false} fill={ARM_COLOURS[0]}>
          <ErrorBar isAnimationActive={false} dataKey="personalizedError" width={6} strokeWidth={2} stroke={INTERVAL_COLOUR} />
        </Bar>
      </BarChart>
    </Figure>
  );
}

export function SegmentUpliftChart({ rows }: { rows: SegmentRow[] }) {
  const data = rows.filter((row) => row.uplift).map((row) => ({ label: row.label, uplift: row.uplift!.estimate, error: row.uplift!.error }));
  return (
    <Figure caption="Uplift over control per segment, with 95% intervals">
      {data.length === 0 ? (
        <p className="text-sm text-slate-700">No segment has both control and personalized exposures yet.</p>
      ) : (
        <UpliftBars data={data} title="Uplift of personalized over control per segment with 95% intervals" />
      )}
    </Figure>
  );
}

function UpliftBars({ data, title }: { data: { label: string; uplift: number; error: [number, number] }[]; title: string }) {
  return (
    <BarChart responsive style={chartStyle} data={data} title={title} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={axisTick} />
      <YAxis tickFormatter={(value: number) => signedPercent(value, 0)} tick={axisTick} width={56} />
      <Tooltip formatter={(value) => signedPercent(Number(value))} />
      <ReferenceLine y={0} stroke={INTERVAL_COLOUR} />
      <Bar dataKey="uplift" name="Uplift" isAnimationActive={false} fill={ARM_COLOURS[2]}>
        <ErrorBar isAnimationActive={false} dataKey="error" width={8} strokeWidth={2} stroke={INTERVAL_COLOUR} />
      </Bar>
    </BarChart>
  );
}
