import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Badge, Card, Loading, PageHeader } from '../../components/ui/misc.js';
import { FailedChildren } from './failed-children.js';
import { EstimateSummary } from './estimate-summary.js';
import { jobQuery, useJobEvents } from './job-events.js';
import { describeSelection, formatTime, isFinished, STATUS_TONE, type GenerationJob } from './job-format.js';
import { JobProgress } from './job-progress.js';

const route = getRouteApi('/app/jobs/$jobId');

/**
 * One batch job: its live progress over server-sent events, what it was asked to do and what that
 * was estimated to cost, the children that failed and why, and (for writers) retry and cancel.
 */
export function JobDetailPage() {
  const { jobId } = route.useParams();
  const { may } = usePrincipal();
  const queryClient = useQueryClient();
  const job = useQuery(jobQuery(jobId));
  const live = job.data !== undefined && !isFinished(job.data.status);
  const stream = useJobEvents(jobId, live);
  const segments = $api.useQuery('get', '/v1/segments');
  const path = { params: { path: { id: jobId } } };
  const retry = $api.useMutation('post', '/v1/generation-jobs/{id}/retry');
  const cancel = $api.useMutation('delete', '/v1/generation-jobs/{id}');
  const [actionError, setActionError] = useState<unknown>(null);

  if (job.isPending) return <Loading label="Loading the job…" />;
  if (job.isError) return <ProblemAlert error={job.error} />;
  const data = job.data;
  const segmentName = (id: string) => segments.data?.items.find((s) => s.id === id)?.name ?? id;

  async function act(run: () => Promise<GenerationJob>) {
    setActionError(null);
    try {
      // The answer is the job reopened (retry) or stopped (cancel); the stream follows from there.
      queryClient.setQueryData(jobQuery(jobId).queryKey, await run());
      await queryClient.invalidateQueries({ queryKey: ['get', '/v1/generation-jobs/{id}/children'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/v1/generation-jobs'] });
    } catch (error) {
      setActionError(error);
    }
  }

  const canRetry = may('catalogWrite') && isFinished(data.status) && data.status !== 'canceled' && data.counts.failed > 0;
  const canCancel = may('catalogWrite') && !isFinished(data.status);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/jobs" className="text-indigo-800 underline">
          ← Jobs
        </Link>
      </p>
      <PageHeader
        title={`Job ${data.id}`}
        description={`${describeSelection(data.request.items)} × ${data.request.segmentIds.length} segment${data.request.segmentIds.length === 1 ? '' : 's'} × ${data.request.kinds.join(' + ')}`}
        actions={
          <>
            <Button asChild variant="secondary">
              <Link to="/review" search={{ jobId: data.id }}>
                Review results
              </Link>
            </Button>
            {canRetry && (
              <Button onClick={() => void act(() => retry.mutateAsync(path))} disabled={retry.isPending}>
                {retry.isPending ? 'Retrying…' : 'Retry failed children'}
              </Button>
            )}
            {canCancel && <ConfirmCancel onConfirm={() => act(() => cancel.mutateAsync(path))} />}
          </>
        }
      />
      <div className="space-y-4">
        {actionError !== null && <ProblemAlert error={actionError} />}
        {stream.state === 'refused' && <ProblemAlert error={stream.error} />}
        <Card>
          <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
            <span className="text-slate-700">Status</span>
            <Badge className={STATUS_TONE[data.status]}>
              <span data-testid="job-status">{data.status}</span>
            </Badge>
            <span className="text-slate-700">Created {formatTime(data.createdAt)}</span>
            {data.finishedAt && <span className="text-slate-700">Finished {formatTime(data.finishedAt)}</span>}
          </div>
          <JobProgress job={data} stream={stream.state} />
        </Card>
        {data.status === 'canceled' && (
          <Alert tone="warning" title="Canceled">
            The children still pending were removed; the job writes no more variants.
          </Alert>
        )}
        <Card>
          <h2 className="mb-3 text-lg font-semibold text-slate-900">Estimate at submission</h2>
          <EstimateSummary estimate={data.estimate} />
          <p className="mt-3 text-sm text-slate-700">
            Segments: {data.request.segmentIds.map(segmentName).join(', ')} · engine {data.request.engine}
            {data.request.formats ? ` · formats ${data.request.formats.join(', ')}` : ''}
            {data.request.autoApprove ? ' · auto-approve' : ''}
          </p>
        </Card>
        <FailedChildren jobId={jobId} failed={data.counts.failed} segmentName={segmentName} />
      </div>
    </>
  );
}

function ConfirmCancel({ onConfirm }: { onConfirm: () => Promise<unknown> }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="destructive">Cancel job</Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/3 left-1/2 w-[min(92vw,28rem)] -translate-x-1/2 rounded-lg bg-white p-6 shadow-lg">
          <AlertDialog.Title className="text-lg font-semibold">Cancel this job?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-700">
            Children not yet done are dropped and no more variants are written. Variants already made stay.
          </AlertDialog.Description>
          <div className="mt-4 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Keep running</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="destructive" onClick={() => void onConfirm()}>
                Cancel job
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
