import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { $api } from '../../api/client.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Select } from '../../components/ui/input.js';
import { EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { cn } from '../../lib/cn.js';
import { buildHeatmap, MEASURES, TONES, type CellStatus, type Heatmap, type Measure } from './conformance-heatmap.model.js';

const ITEM_LIMITS = [20, 40, 100] as const;
/** Segments offered in the filter: one page, as many as the API lists at once. */
const SEGMENT_PAGE = 100;

const LEGEND: { label: string; status: CellStatus }[] = [
  { label: 'Pass', status: 'pass' },
  { label: 'Warn', status: 'warn' },
  { label: 'Fail', status: 'fail' },
];

/** Where the engine misses the brief: measured reading grade or words of each text variant against its segment's target. */
export function ConformancePage() {
  const [measure, setMeasure] = useState<Measure>('readingGrade');
  const [segmentId, setSegmentId] = useState('');
  const [limit, setLimit] = useState<number>(40);
  const segments = $api.useQuery('get', '/v1/segments', { params: { query: { limit: SEGMENT_PAGE } } });
  const conformance = $api.useQuery('get', '/v1/insights/conformance', {
    params: { query: { limit, ...(segmentId ? { segmentId } : {}) } },
  });

  return (
    <>
      <PageHeader
        title="Style conformance"
        description="Each item's latest text variant per segment, measured against the segment's reading grade and word target, judged as the guardrails judge it."
      />
      <div className="flex flex-wrap items-end gap-4">
        <fieldset className="flex gap-1 rounded-md border border-slate-300 p-1">
          <legend className="sr-only">Measure</legend>
          {(Object.keys(MEASURES) as Measure[]).map((m) => (
            <label
              key={m}
              className={cn(
                'cursor-pointer rounded px-3 py-1.5 text-sm font-medium text-slate-800 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
                measure === m && 'bg-indigo-700 text-white',
              )}
            >
              <input type="radio" name="measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} className="sr-only" />
              {MEASURES[m].label}
            </label>
          ))}
        </fieldset>
        <div className="w-56">
          <Field label="Segment">
            <Select value={segmentId} onChange={(event) => setSegmentId(event.target.value)} disabled={!segments.data}>
              <option value="">All segments</option>
              {segments.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="w-32">
          <Field label="Items">
            <Select value={String(limit)} onChange={(event) => setLimit(Number(event.target.value))}>
              {ITEM_LIMITS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </div>
      {segments.isError && (
        <div className="mt-3">
          <ProblemAlert error={segments.error} />
        </div>
      )}
      <div className="mt-4">
        {conformance.isPending ? (
          <Loading label="Measuring variants…" />
        ) : conformance.isError ? (
          <div className="space-y-2">
            <ProblemAlert error={conformance.error} />
            <Button variant="secondary" onClick={() => void conformance.refetch()}>
              Try again
            </Button>
          </div>
        ) : conformance.data.cells.length === 0 ? (
          <EmptyState title="No text variants to measure yet">Generate text variants (a preview on an item, or a batch job) and they show here.</EmptyState>
        ) : (
          <HeatmapTable heatmap={buildHeatmap(conformance.data, measure)} measure={measure} />
        )}
      </div>
    </>
  );
}

function HeatmapTable({ heatmap, measure }: { heatmap: Heatmap; measure: Measure }) {
  const { counts } = heatmap;
  return (
    <>
      <p className="mb-2 text-sm text-slate-800" data-testid="conformance-summary">
        {MEASURES[measure].label}: {counts.pass} pass, {counts.warn} warn, {counts.fail} fail
        {counts.missing > 0 ? `, ${counts.missing} without a text variant` : ''}.
      </p>
      <ul className="mb-3 flex flex-wrap items-center gap-4 text-xs text-slate-800" aria-label="Legend">
        {LEGEND.map((entry) => (
          <li key={entry.status} className="flex items-center gap-1">
            {TONES[entry.status].map((tone) => (
              <span key={tone} aria-hidden="true" className={cn('inline-block h-3 w-4 rounded-sm border border-slate-300', tone)} />
            ))}
            {entry.label}
          </li>
        ))}
        <li>The darker shade of each: a third of the target or more away. Verdicts are the guardrail checks’.</li>
      </ul>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-label="Conformance heatmap" tabIndex={0}>
        <table className="border-collapse text-sm">
          <caption className="sr-only">
            {MEASURES[measure].label} of each item's text variant (rows) for each segment (columns), against the segment's target
          </caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white p-2 text-left font-medium text-slate-900">
                Item
              </th>
              {heatmap.columns.map((column) => (
                <th key={column.id} scope="col" className="min-w-28 p-2 text-left align-bottom font-medium text-slate-900">
                  <span className="block">{column.name}</span>
                  <span className="block text-xs font-normal text-slate-700">target {column.target}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.rows.map((row) => (
              <tr key={row.itemId} className="border-t border-slate-100">
                <th scope="row" className="sticky left-0 max-w-64 truncate bg-white p-2 text-left font-normal">
                  <Link to="/catalog/$itemId" params={{ itemId: row.itemId }} className="text-indigo-700 underline" title={row.title}>
                    {row.title}
                  </Link>
                </th>
                {row.cells.map((cell, i) =>
                  cell ? (
                    <td key={cell.segmentId} className={cn('border border-white p-0', cell.tone)} data-testid="heat-cell" data-status={cell.status}>
                      <span className="block px-2 py-1.5 text-slate-900" title={cell.label}>
                        <span className="sr-only">{cell.label}</span>
                        <span aria-hidden="true">
                          <span className="font-semibold">{cell.text}</span> <span className="text-xs">{cell.delta}</span>
                          <span className="block text-xs">{cell.status}</span>
                        </span>
                      </span>
                    </td>
                  ) : (
                    <td key={heatmap.columns[i]!.id} className="border border-white bg-slate-50 p-2 text-center text-slate-700">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">No text variant for {heatmap.columns[i]!.name} yet</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-300">
              <th scope="row" className="sticky left-0 bg-white p-2 text-left font-medium text-slate-900">
                Per segment
              </th>
              {heatmap.columns.map((column) => (
                <td key={column.id} className="p-2 text-xs text-slate-800">
                  {column.counts.pass} pass · {column.counts.warn} warn · {column.counts.fail} fail
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
