import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { usePrincipal } from '../../auth/principal.js';
import { Alert } from '../../components/ui/alert.js';
import { Card, PageHeader } from '../../components/ui/misc.js';
import { jobQuery } from './job-events.js';
import { JobWizard } from './job-wizard.js';

export function JobNewPage() {
  const { may } = usePrincipal();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  if (!may('catalogWrite')) {
    return (
      <Alert tone="warning" title="Read-only key">
        Your role cannot start jobs. <Link to="/jobs" className="underline">See the jobs</Link>
      </Alert>
    );
  }
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/jobs" className="text-indigo-800 underline">
          ← Jobs
        </Link>
      </p>
      <PageHeader title="New job" description="Generate variants for many items and segments at once; see what it costs before it starts." />
      <Card>
        <JobWizard
          onSubmitted={async (job) => {
            queryClient.setQueryData(jobQuery(job.id).queryKey, job);
            await queryClient.invalidateQueries({ queryKey: ['get', '/v1/generation-jobs'] });
            await navigate({ to: '/jobs/$jobId', params: { jobId: job.id } });
          }}
        />
      </Card>
    </>
  );
}
