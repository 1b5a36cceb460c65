import { Alert } from '../../components/ui/alert.js';
import { Badge, Card, EmptyState } from '../../components/ui/misc.js';
import { ArmUpliftChart, CtrChart, DailyCtrChart, ProbabilityBestChart, SegmentCtrChart, SegmentUpliftChart } from './insights-charts.lazy.js';
import {
  armRows,
  KIND_LABELS,
  percent,
  sampleRatioWarning,
  segmentRows,
  signedPercent,
  upliftVerdict,
  type InsightsOverview,
  type VariantTest,
} from './insights-view.model.js';

const interval = (low: number, high: number, format = percent) => `${format(low)} – ${format(high)}`;
const th = 'py-1.5 pr-3 font-medium';
const td = 'py-1.5 pr-3';

/** Per segment and per kind: how personalized variants do against control. */
export function OverviewSection({ overview }: { overview: InsightsOverview }) {
  const rows = segmentRows(overview);
  if (rows.length === 0) {
    return (
      <EmptyState title="No exposures in this range">
        Insights appear once feeds have served approved variants and events have come back through the API.
      </EmptyState>
    );
  }
  return (
    <Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <SegmentCtrChart rows={rows} />
        <SegmentUpliftChart rows={rows} />
      </div>
      <table className="mt-4 w-full text-left text-sm" aria-label="Personalized against control per segment">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={th}>Segment</th>
            <th scope="col" className={th}>Served as</th>
            <th scope="col" className={th}>Exposures</th>
            <th scope="col" className={th}>Clicks</th>
            <th scope="col" className={th}>CTR (95% interval)</th>
            <th scope="col" className={th}>Uplift over control (95% interval)</th>
          </tr>
        </thead>
        {rows.map((row) => {
          const lines = [
            { name: 'Control', rate: row.control },
            { name: 'Personalized', rate: row.personalized },
            ...row.byKind.map((kind) => ({ name: `· ${KIND_LABELS[kind.kind]}`, rate: kind })),
          ];
          return (
            <tbody key={row.segmentId} className="border-b border-slate-200">
              {lines.map((line, index) => (
                <tr key={line.name}>
                  {index === 0 && (
                    <th scope="rowgroup" rowSpan={lines.length} className={`${td} align-top font-semibold`}>
                      {row.label}
                    </th>
                  )}
                  <td className={td}>{line.name}</td>
                  <td className={td}>{line.rate.exposures}</td>
                  <td className={td}>{line.rate.clicks}</td>
                  <td className={td}>
                    {percent(line.rate.ctr)} ({interval(line.rate.ctrInterval.low, line.rate.ctrInterval.high)})
                  </td>
                  <td className={td}>
                    {index === 1 && row.uplift
                      ? `${signedPercent(row.uplift.estimate)} (${interval(row.uplift.low, row.uplift.high, signedPercent)})`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </Card>
  );
}

/** One (item, segment) test: its arms with intervals, P(best), uplift, the daily series and the SRM check. */
export function TestCard({ test, title, segmentName }: { test: VariantTest; title: string; segmentName: string }) {
  const rows = armRows(test);
  const warning = sampleRatioWarning(test);
  const headingId = `test-${test.itemId}-${test.segmentId}`;
  return (
    <Card>
      <section aria-labelledby={headingId} data-testid="variant-test">
        <div className="flex flex-wrap items-baseline gap-2">
          <h3 id={headingId} className="text-lg font-semibold">
            {title} · {segmentName}
          </h3>
          {test.policies.map((policy) => (
            <Badge key={policy}>{policy}</Badge>
          ))}
          <span className="text-sm text-slate-700">{test.exposures} exposures</span>
        </div>
        {warning && (
          <div className="mt-2">
            <Alert tone="warning" title="Sample ratio mismatch">
              <p data-testid="srm-warning">{warning}</p>
            </Alert>
          </div>
        )}
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <CtrChart rows={rows} />
          <ProbabilityBestChart rows={rows} />
          <ArmUpliftChart rows={rows} />
          <DailyCtrChart test={test} />
        </div>
        <table className="mt-4 w-full text-left text-sm" aria-label={`Arms of ${title} for ${segmentName}`}>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className={th}>Arm</th>
              <th scope="col" className={th}>Exposures</th>
              <th scope="col" className={th}>Clicks</th>
              <th scope="col" className={th}>CTR (95% interval)</th>
              <th scope="col" className={th}>P(best)</th>
              <th scope="col" className={th}>Uplift over control</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.arm} className="border-b border-slate-100">
                <th scope="row" className={`${td} font-medium`}>
                  <span title={row.arm}>{row.label}</span>
                  {row.best && <Badge className="ml-2 bg-emerald-50 text-emerald-900">most likely best</Badge>}
                </th>
                <td className={td}>{row.exposures}</td>
                <td className={td}>{row.clicks}</td>
                <td className={td} data-testid="arm-ctr">
                  {percent(row.ctr)} ({interval(row.ctrLow, row.ctrHigh)})
                </td>
                <td className={td}>{percent(row.probabilityToBeBest)}</td>
                <td className={td}>
                  {row.uplift
                    ? `${upliftVerdict(row.uplift)}, interval ${interval(row.uplift.low, row.uplift.high, signedPercent)}`
                    : row.arm === 'control'
                      ? 'baseline'
                      : upliftVerdict(null)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}
