import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Select } from '../../components/ui/input.js';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { describeSelection, formatCount, formatTime, isFinished, settledCount, STATUS_TONE, type JobStatus } from './job-format.js';

const PAGE = 25;
/** While a job on screen runs, the list asks again this often (each job's own page streams instead). */
const RUNNING_REFRESH_MS = 5_000;
const STATUSES: JobStatus[] = ['queued', 'running', 'completed', 'failed', 'canceled'];

/** Every batch job of the workspace, newest first, in keyset pages; filterable by status. */
export function JobsPage() {
  const { may } = usePrincipal();
  const [status, setStatus] = useState<JobStatus | undefined>(undefined);
  const pages = $api.useInfiniteQuery(
    'get',
    '/v1/generation-jobs',
    { params: { query: { limit: PAGE, ...(status ? { status } : {}) } } },
    {
      pageParamName: 'cursor',
      initialPageParam: null,
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (query) =>
        query.state.data?.pages.some((p) => p.items.some((job) => !isFinished(job.status))) ? RUNNING_REFRESH_MS : false,
    },
  );
  const jobs = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Batch generation of variants: items × segments × kinds, queued and run by the workers."
        actions={
          may('catalogWrite') && (
            <Button asChild>
              <Link to="/jobs/new">New job</Link>
            </Button>
          )
        }
      />
      <div className="mb-4 flex items-end gap-2">
        <div className="space-y-1">
          <label htmlFor="job-status-filter" className="block text-sm font-medium text-slate-900">
            Status
          </label>
          <Select id="job-status-filter" value={status ?? ''} onChange={(e) => setStatus((e.target.value || undefined) as JobStatus | undefined)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {pages.isPending ? (
        <Loading label="Loading jobs…" />
      ) : pages.isError ? (
        <div className="space-y-2">
          <ProblemAlert error={pages.error} />
          <Button variant="secondary" onClick={() => void pages.refetch()}>
            Try again
          </Button>
        </div>
      ) : jobs.length === 0 ? (
        <EmptyState title={status ? `No ${status} jobs` : 'No jobs yet'}>
          {status ? 'Choose another status.' : may('catalogWrite') ? 'Start one with “New job”.' : 'Nothing to show yet.'}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Generation jobs, newest first</caption>
              <thead className="border-b border-slate-300 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Job</th>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2 font-medium">Progress</th>
                  <th scope="col" className="px-3 py-2 font-medium">Done</th>
                  <th scope="col" className="px-3 py-2 font-medium">Failed</th>
                  <th scope="col" className="px-3 py-2 font-medium">Skipped</th>
                  <th scope="col" className="px-3 py-2 font-medium">Pending</th>
                  <th scope="col" className="px-3 py-2 font-medium">Created</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => {
                  const settled = settledCount(job.counts);
                  return (
                    <tr key={job.id} className="border-b border-slate-100">
                      <td className="px-3 py-2">
                        <Link to="/jobs/$jobId" params={{ jobId: job.id }} className="font-mono text-xs text-indigo-800 underline">
                          {job.id}
                        </Link>
                        <span className="block text-xs text-slate-700">
                          {describeSelection(job.request.items)} × {job.request.segmentIds.length} seg. × {job.request.kinds.join('+')}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <Badge className={STATUS_TONE[job.status]}>{job.status}</Badge>
                      </td>
                      <td className="px-3 py-2">
                        <progress
                          className="h-2 w-24 align-middle accent-indigo-700"
                          max={Math.max(job.counts.total, 1)}
                          value={settled}
                          aria-label={`Job ${job.id}: ${settled} of ${job.counts.total} settled`}
                        />
                        <span className="ml-2 text-xs text-slate-700">
                          {formatCount(settled)}/{formatCount(job.counts.total)}
                        </span>
                      </td>
                      <td className="px-3 py-2 text-slate-900">{formatCount(job.counts.done)}</td>
                      <td className="px-3 py-2 text-slate-900">{formatCount(job.counts.failed)}</td>
                      <td className="px-3 py-2 text-slate-900">{formatCount(job.counts.skipped)}</td>
                      <td className="px-3 py-2 text-slate-900">{formatCount(job.counts.pending)}</td>
                      <td className="px-3 py-2 whitespace-nowrap text-slate-700">{formatTime(job.createdAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pages.hasNextPage && (
            <Button variant="secondary" className="mt-3" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Load older jobs'}
            </Button>
          )}
        </>
      )}
    </>
  );
}
