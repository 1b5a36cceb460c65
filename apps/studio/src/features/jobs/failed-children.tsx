import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { $api } from '../../api/client.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Card, Loading } from '../../components/ui/misc.js';
import { formatCount, formatTime } from './job-format.js';

const PAGE = 20;

/** The job's failed children, a keyset page at a time, each with the reason it failed. */
export function FailedChildren({ jobId, failed, segmentName }: { jobId: string; failed: number; segmentName: (id: string) => string }) {
  const pages = $api.useInfiniteQuery(
    'get',
    '/v1/generation-jobs/{id}/children',
    { params: { path: { id: jobId }, query: { status: 'failed', limit: PAGE } } },
    { pageParamName: 'cursor', initialPageParam: null, getNextPageParam: (page) => page.nextCursor, enabled: failed > 0 },
  );
  const children = pages.data?.pages.flatMap((p) => p.items) ?? [];
  // Titles for the rows shown: the item queries are shared with the catalog's screens.
  const itemIds = [...new Set(children.map((c) => c.itemId))];
  const items = useQueries({
    queries: itemIds.map((id) => ({ ...$api.queryOptions('get', '/v1/items/{id}', { params: { path: { id } } }), retry: false })),
  });
  const titleOf = (id: string) => items[itemIds.indexOf(id)]?.data?.title ?? id;

  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">
        Failed children {failed > 0 && <span className="text-slate-700">({formatCount(failed)})</span>}
      </h2>
      {failed === 0 ? (
        <p className="text-sm text-slate-700">None failed.</p>
      ) : pages.isPending ? (
        <Loading label="Loading the failed children…" />
      ) : pages.isError ? (
        <ProblemAlert error={pages.error} />
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="failed-children">
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Item</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Segment</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Kind</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Reason</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Attempts</th>
                  <th scope="col" className="py-2 font-medium">When</th>
                </tr>
              </thead>
              <tbody>
                {children.map((child) => (
                  <tr key={`${child.itemId}:${child.segmentId}:${child.kind}`} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3">
                      <Link to="/catalog/$itemId" params={{ itemId: child.itemId }} className="text-indigo-800 underline">
                        {titleOf(child.itemId)}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 text-slate-900">{segmentName(child.segmentId)}</td>
                    <td className="py-2 pr-3 text-slate-900">{child.kind}</td>
                    <td className="py-2 pr-3 text-red-800">{child.failureReason ?? 'No reason recorded.'}</td>
                    <td className="py-2 pr-3 text-slate-900">{child.attempts}</td>
                    <td className="py-2 whitespace-nowrap text-slate-700">{formatTime(child.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages.hasNextPage && (
            <Button variant="secondary" className="mt-3" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Show more failed children'}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
