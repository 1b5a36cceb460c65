import type { components } from '../../api/schema.gen.js';

export type GenerationJob = components['schemas']['GenerationJob'];
export type GenerationJobRequest = components['schemas']['GenerationJobRequest'];
export type GenerationEstimate = components['schemas']['GenerationEstimate'];
export type GenerationChild = components['schemas']['GenerationChild'];
export type JobStatus = GenerationJob['status'];

export function isFinished(status: JobStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'canceled';
}

/** Badge colours per status, dark enough on their tint for WCAG AA text contrast. */
export const STATUS_TONE: Record<JobStatus, string> = {
  queued: 'bg-slate-100 text-slate-900',
  running: 'bg-sky-100 text-sky-950',
  completed: 'bg-emerald-100 text-emerald-950',
  failed: 'bg-red-100 text-red-950',
  canceled: 'bg-amber-100 text-amber-950',
};

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => integer.format(n);

export function formatCost(estimate: GenerationEstimate): string {
  const usd = estimate.costUsd.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
  return estimate.priced ? usd : `${usd} (not fully priced)`;
}

export function formatRate(ratePerSecond: number | null): string {
  if (ratePerSecond === null) return '—';
  return `${ratePerSecond >= 10 ? ratePerSecond.toFixed(0) : ratePerSecond.toFixed(1)} variants/s`;
}

export function formatEta(job: Pick<GenerationJob, 'status' | 'etaSeconds'>): string {
  if (isFinished(job.status)) return 'done';
  if (job.etaSeconds === null) return 'estimating…';
  const s = Math.ceil(job.etaSeconds);
  if (s < 60) return `about ${s} s`;
  if (s < 3600) return `about ${Math.round(s / 60)} min`;
  return `about ${(s / 3600).toFixed(1)} h`;
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** The items a job covers, in words: its filter's fields, or how many items were picked. */
export function describeSelection(items: GenerationJobRequest['items']): string {
  if ('ids' in items) return `${formatCount(items.ids.length)} picked item${items.ids.length === 1 ? '' : 's'}`;
  const parts = Object.entries(items.filter)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k === 'q' ? 'search' : k} “${v}”`);
  return parts.length ? `Items with ${parts.join(', ')}` : 'Every item in the catalog';
}

/** Children that have settled (nothing more will happen to them) out of all. */
export function settledCount(counts: GenerationJob['counts']): number {
  return counts.done + counts.failed + counts.skipped + counts.canceled;
}
