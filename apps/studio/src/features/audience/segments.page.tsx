import { Link } from '@tanstack/react-router';
import { $api } from '../../api/client.js';
import type { components } from '../../api/schema.gen.js';
import { usePrincipal } from '../../auth/principal.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { AudienceNav } from './audience-nav.js';
import { describeRule } from './rule-summary.js';

type Segment = components['schemas']['Segment'];

/** The segments, in the order a user is assigned to one: highest priority first, the older on a tie. */
export function SegmentsPage() {
  const { may } = usePrincipal();
  const pages = $api.useInfiniteQuery(
    'get',
    '/v1/segments',
    { params: { query: { limit: 100 } } },
    { pageParamName: 'cursor', initialPageParam: null, getNextPageParam: (page) => page.nextCursor },
  );
  const segments = (pages.data?.pages.flatMap((page) => page.items) ?? []).sort(
    (a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );

  return (
    <>
      <PageHeader
        title="Audience"
        description="Segments group users by a rule over their attributes; each segment has a style its variants are written in."
        actions={
          may('segmentWrite') && (
            <Button asChild>
              <Link to="/audience/segments/new">New segment</Link>
            </Button>
          )
        }
      />
      <AudienceNav />
      {pages.isPending ? (
        <Loading label="Loading segments…" />
      ) : pages.isError ? (
        <div className="space-y-2">
          <ProblemAlert error={pages.error} />
          <Button variant="secondary" onClick={() => void pages.refetch()}>
            Try again
          </Button>
        </div>
      ) : segments.length === 0 ? (
        <EmptyState title="No segments yet">
          {may('segmentWrite') ? 'Create a segment to write variants for a group of users.' : 'Nothing to show yet.'}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Segments, highest priority first</caption>
              <thead className="bg-slate-50 text-slate-800">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Segment</th>
                  <th scope="col" className="px-3 py-2 font-medium">Rule</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Priority</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Matching users</th>
                </tr>
              </thead>
              <tbody>
                {segments.map((segment) => (
                  <SegmentRow key={segment.id} segment={segment} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-700">
            Counts are live: each is the number of users the rule matches now. A user who matches several segments is assigned
            to the one with the highest priority.
          </p>
          {pages.hasNextPage && (
            <Button variant="secondary" className="mt-2" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              Load more segments
            </Button>
          )}
        </>
      )}
    </>
  );
}

function SegmentRow({ segment }: { segment: Segment }) {
  const count = $api.useQuery(
    'get',
    '/v1/segments/{id}/preview',
    { params: { path: { id: segment.id }, query: { sampleSize: 0 } } },
    { refetchInterval: 30_000 },
  );
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="px-3 py-2">
        <Link to="/audience/segments/$segmentId" params={{ segmentId: segment.id }} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
          {segment.name}
        </Link>
        {segment.description && <p className="mt-0.5 max-w-md text-xs text-slate-700">{segment.description}</p>}
      </td>
      <td className="max-w-sm px-3 py-2 font-mono text-xs text-slate-800">{describeRule(segment.rule)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{segment.priority}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid={`count-${segment.name}`}>
        {count.isPending ? (
          <span className="text-slate-600">counting…</span>
        ) : count.isError ? (
          <span className="text-red-700" title={String((count.error as { detail?: string }).detail ?? '')}>
            unavailable
          </span>
        ) : (
          <>
            {count.data.matched.toLocaleString('en-US')} <span className="text-slate-600">of {count.data.total.toLocaleString('en-US')}</span>
          </>
        )}
      </td>
    </tr>
  );
}
