import { cn } from '../../lib/cn.js';
import { formatCount, formatEta, formatRate, settledCount, type GenerationJob } from './job-format.js';
import type { StreamState } from './job-events.js';

const SEGMENTS = [
  { key: 'done', label: 'Done', bar: 'bg-emerald-600', swatch: 'bg-emerald-600' },
  { key: 'skipped', label: 'Skipped', bar: 'bg-slate-500', swatch: 'bg-slate-500' },
  { key: 'failed', label: 'Failed', bar: 'bg-red-600', swatch: 'bg-red-600' },
  { key: 'canceled', label: 'Canceled', bar: 'bg-amber-500', swatch: 'bg-amber-500' },
  { key: 'pending', label: 'Pending', bar: '', swatch: 'bg-slate-200 border border-slate-400' },
] as const;

const STREAM_LABEL: Record<StreamState, string> = {
  connecting: 'Connecting to live progress…',
  live: 'Live',
  reconnecting: 'Connection lost; reconnecting…',
  ended: 'Finished',
  refused: 'Live progress unavailable',
};

/**
 * The job's progress as one stacked bar (done, skipped, failed, canceled; the rest is pending),
 * with the counts, the rate and the ETA beside it. The bar is a progressbar for assistive
 * technology; the counts are a live region, so changes are announced without moving focus.
 */
export function JobProgress({ job, stream }: { job: GenerationJob; stream: StreamState }) {
  const { counts } = job;
  const settled = settledCount(counts);
  const percent = counts.total > 0 ? Math.round((settled / counts.total) * 100) : 100;
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium text-slate-900">
          {formatCount(settled)} of {formatCount(counts.total)} children settled ({percent}%)
        </span>
        <span className="inline-flex items-center gap-1.5 text-slate-700" data-testid="stream-state">
          <span aria-hidden="true" className={cn('h-2 w-2 rounded-full', stream === 'live' ? 'animate-pulse bg-emerald-600' : 'bg-slate-400')} />
          {STREAM_LABEL[stream]}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Job progress"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={settled}
        aria-valuetext={`${settled} of ${counts.total} children settled`}
        className="flex h-4 w-full overflow-hidden rounded-full border border-slate-400 bg-slate-200"
      >
        {SEGMENTS.filter((s) => s.key !== 'pending').map((s) =>
          counts[s.key] > 0 ? (
            <div key={s.key} className={cn('h-full transition-[width] duration-500', s.bar)} style={{ width: `${(counts[s.key] / Math.max(counts.total, 1)) * 100}%` }} />
          ) : null,
        )}
      </div>
      <dl aria-live="polite" data-testid="job-counts" className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4 lg:grid-cols-7">
        {SEGMENTS.map((s) => (
          <div key={s.key}>
            <dt className="flex items-center gap-1.5 text-slate-700">
              <span aria-hidden="true" className={cn('inline-block h-2.5 w-2.5 rounded-sm', s.swatch)} />
              {s.label}
            </dt>
            <dd data-testid={`count-${s.key}`} className="text-lg font-semibold text-slate-900">
              {formatCount(counts[s.key])}
            </dd>
          </div>
        ))}
        <div>
          <dt className="text-slate-700">Rate</dt>
          <dd className="text-lg font-semibold text-slate-900">{formatRate(job.ratePerSecond)}</dd>
        </div>
        <div>
          <dt className="text-slate-700">ETA</dt>
          <dd className="text-lg font-semibold text-slate-900">{formatEta(job)}</dd>
        </div>
      </dl>
      {counts.fellBack > 0 && (
        <p className="text-sm text-amber-900">
          {formatCount(counts.fellBack)} of the done variants came from the offline template because the LLM failed; each says why in its provenance.
        </p>
      )}
    </div>
  );
}
