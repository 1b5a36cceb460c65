import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Loading, PageHeader } from '../../components/ui/misc.js';
import { AudienceNav } from './audience-nav.js';
import { SegmentForm, type SegmentDraft } from './segment-form.js';
import { SegmentLiveCount } from './segment-live-count.js';
import { StyleExample } from './style-example.js';

const editRoute = getRouteApi('/app/audience/segments/$segmentId');

/** Attribute names seen on a page of users, offered in the rule builder's attribute boxes. */
function useAttributeSuggestions(): string[] {
  const users = $api.useQuery('get', '/v1/users', { params: { query: { limit: 200 } } });
  return useMemo(() => [...new Set(users.data?.items.flatMap((user) => Object.keys(user.attributes)) ?? [])].sort(), [users.data]);
}

function useLivePanels(segmentId: string | null) {
  const { may } = usePrincipal();
  return (draft: SegmentDraft) => (
    <>
      <SegmentLiveCount rule={draft.rule} />
      <StyleExample segmentId={segmentId} name={draft.name} style={draft.style} canGenerate={may('catalogWrite')} />
    </>
  );
}

export function SegmentCreatePage() {
  const { may } = usePrincipal();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = $api.useMutation('post', '/v1/segments');
  const suggestions = useAttributeSuggestions();
  const live = useLivePanels(null);

  if (!may('segmentWrite')) return <Alert tone="warning" title="Read-only key">Your role cannot create segments.</Alert>;
  return (
    <>
      <PageHeader title="New segment" description="Build the rule, shape the style, and watch who matches and what they would read." />
      <AudienceNav />
      <SegmentForm
        submitLabel="Create segment"
        attributeSuggestions={suggestions}
        onCancel={() => void navigate({ to: '/audience' })}
        renderLive={live}
        onSubmit={async (body) => {
          const segment = await create.mutateAsync({ body });
          await queryClient.invalidateQueries({ queryKey: ['get', '/v1/segments'] });
          await navigate({ to: '/audience/segments/$segmentId', params: { segmentId: segment.id }, search: { created: true } });
        }}
      />
    </>
  );
}

export function SegmentEditPage() {
  const { segmentId } = editRoute.useParams();
  const { created } = editRoute.useSearch();
  const { may } = usePrincipal();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const segment = $api.useQuery('get', '/v1/segments/{id}', { params: { path: { id: segmentId } } });
  const update = $api.useMutation('patch', '/v1/segments/{id}');
  const remove = $api.useMutation('delete', '/v1/segments/{id}');
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const suggestions = useAttributeSuggestions();
  const live = useLivePanels(segmentId);
  const canWrite = may('segmentWrite');

  if (segment.isPending) return <Loading label="Loading segment…" />;
  if (segment.isError) {
    return (
      <>
        <AudienceNav />
        <ProblemAlert error={segment.error} />
      </>
    );
  }

  async function deleteSegment() {
    await remove.mutateAsync({ params: { path: { id: segmentId } } });
    await queryClient.invalidateQueries({ queryKey: ['get', '/v1/segments'] });
    await navigate({ to: '/audience' });
  }

  return (
    <>
      <PageHeader
        title={segment.data.name}
        description={canWrite ? 'Edit the rule and the style; the count and the example follow as you type.' : 'Read-only: your role cannot change segments.'}
        actions={
          canWrite &&
          (confirmDelete ? (
            <>
              <Button variant="destructive" onClick={() => void deleteSegment()} disabled={remove.isPending}>
                Confirm delete
              </Button>
              <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </>
          ) : (
            <Button variant="secondary" onClick={() => setConfirmDelete(true)}>
              Delete segment
            </Button>
          ))
        }
      />
      <AudienceNav />
      <div className="mb-4 space-y-2">
        {remove.isError && <ProblemAlert error={remove.error} />}
        {(saved || created) && (
          <Alert tone="success" title={saved ? 'Saved' : 'Segment created'}>
            Feeds assign users by this rule and priority from their next request, without a refit; variants generated from now on use this rule and style.
          </Alert>
        )}
      </div>
      <SegmentForm
        key={segment.data.updatedAt}
        defaultValues={segment.data}
        readOnly={!canWrite}
        submitLabel="Save segment"
        attributeSuggestions={suggestions}
        renderLive={live}
        onSubmit={async (body) => {
          setSaved(false);
          const updated = await update.mutateAsync({ params: { path: { id: segmentId } }, body });
          queryClient.setQueryData(['get', '/v1/segments/{id}', { params: { path: { id: segmentId } } }], updated);
          await queryClient.invalidateQueries({ queryKey: ['get', '/v1/segments'] });
          setSaved(true);
        }}
      />
    </>
  );
}
