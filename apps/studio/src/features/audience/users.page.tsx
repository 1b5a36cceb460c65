import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api } from '../../api/client.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input } from '../../components/ui/input.js';
import { EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { AudienceNav } from './audience-nav.js';
import { describeAttributes } from './rule-summary.js';

const route = getRouteApi('/app/audience/users');
const PAGE_SIZE = 50;

/** Audience members in keyset pages, each with the segment the feed assigns them to. */
export function UsersPage() {
  const { q } = route.useSearch();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState(q ?? '');
  const pages = $api.useInfiniteQuery(
    'get',
    '/v1/users',
    { params: { query: { limit: PAGE_SIZE, ...(q ? { q } : {}) } } },
    { pageParamName: 'cursor', initialPageParam: null, getNextPageParam: (page) => page.nextCursor },
  );
  const users = pages.data?.pages.flatMap((page) => page.items) ?? [];

  function search(event: FormEvent) {
    event.preventDefault();
    void navigate({ search: { q: draft.trim() || undefined } });
  }

  return (
    <>
      <PageHeader title="Audience" description="Each user with the segment the feed assigns them: the highest-priority segment whose rule matches." />
      <AudienceNav />
      <form role="search" onSubmit={search} className="mb-4 flex flex-wrap items-end gap-2">
        <div className="w-72">
          <Field label="Search users" hint="Part of a user id; case does not matter.">
            <Input value={draft} onChange={(event) => setDraft(event.target.value)} maxLength={200} />
          </Field>
        </div>
        <Button type="submit" className="mb-5">
          Search
        </Button>
        {q && (
          <Button
            type="button"
            variant="secondary"
            className="mb-5"
            onClick={() => {
              setDraft('');
              void navigate({ search: {} });
            }}
          >
            Clear
          </Button>
        )}
      </form>
      {pages.isPending ? (
        <Loading label="Loading users…" />
      ) : pages.isError ? (
        <div className="space-y-2">
          <ProblemAlert error={pages.error} />
          <Button variant="secondary" onClick={() => void pages.refetch()}>
            Try again
          </Button>
        </div>
      ) : users.length === 0 ? (
        <EmptyState title={q ? `No user id contains “${q}”` : 'No users yet'}>
          {q ? 'Try another part of the id.' : 'Users arrive through the API (PUT /v1/users/:id, bulk upserts) and with events.'}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700" aria-live="polite">
            {users.length} user{users.length === 1 ? '' : 's'} shown{pages.hasNextPage ? '; more to load' : ''}.
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Users and their segments</caption>
              <thead className="bg-slate-50 text-slate-800">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">User</th>
                  <th scope="col" className="px-3 py-2 font-medium">Segment</th>
                  <th scope="col" className="px-3 py-2 font-medium">Attributes</th>
                  <th scope="col" className="px-3 py-2 font-medium">Feed</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr key={user.id} className="border-t border-slate-100 align-top">
                    <td className="px-3 py-2 font-mono text-slate-900">{user.id}</td>
                    <td className="px-3 py-2">
                      {user.segment ? (
                        <Link
                          to="/audience/segments/$segmentId"
                          params={{ segmentId: user.segment.id }}
                          className="text-indigo-800 underline-offset-2 hover:underline"
                        >
                          {user.segment.name}
                        </Link>
                      ) : (
                        <span className="text-slate-600">no segment</span>
                      )}
                    </td>
                    <td className="max-w-md px-3 py-2 text-xs text-slate-800">{describeAttributes(user.attributes)}</td>
                    <td className="px-3 py-2">
                      <Link to="/feed" search={{ userId: user.id }} className="text-indigo-800 underline-offset-2 hover:underline">
                        See feed<span className="sr-only"> of {user.id}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages.hasNextPage && (
            <Button variant="secondary" className="mt-3" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Load more users'}
            </Button>
          )}
        </>
      )}
    </>
  );
}
