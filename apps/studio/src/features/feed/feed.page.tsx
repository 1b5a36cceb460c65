import { getRouteApi } from '@tanstack/react-router';
import { useId } from 'react';
import { $api } from '../../api/client.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Select } from '../../components/ui/input.js';
import { Badge, Card, EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { CHANNEL_FORMATS, isChannelFormat, type ChannelFormat } from './feed-view.model.js';
import { RankingColumn } from './ranking-column.js';
import { ServedItemCard } from './served-item-card.js';
import { UserPicker } from './user-picker.js';

const route = getRouteApi('/app/feed');

/** How many items each list shows: a screenful, enough to compare the rankings. */
const FEED_SIZE = 10;

/** "See what user X gets": their segment, the feed in its served variants, and both rankers side by side. */
export function FeedPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const format: ChannelFormat = isChannelFormat(search.format) ? search.format : 'square';
  return (
    <>
      <PageHeader
        title="Feed as a user"
        description="What one user is served: each item in the variant chosen for them, and the classical and LLM rankings side by side. Looking is a preview: it logs no exposure and teaches the bandit nothing."
      />
      <Card className="mb-4">
        <UserPicker key={search.userId ?? ''} userId={search.userId} onPick={(userId) => void navigate({ search: { ...search, userId } })} />
      </Card>
      {search.userId ? (
        <UserFeed userId={search.userId} format={format} onFormat={(next) => void navigate({ search: { ...search, format: next } })} />
      ) : (
        <EmptyState title="No user chosen">Type or pick a user id above to see their feed.</EmptyState>
      )}
    </>
  );
}

function UserFeed({ userId, format, onFormat }: { userId: string; format: ChannelFormat; onFormat: (format: ChannelFormat) => void }) {
  const path = { id: userId };
  const user = $api.useQuery('get', '/v1/users/{id}', { params: { path } });
  const feed = $api.useQuery('get', '/v1/users/{id}/feed', {
    params: { path, query: { limit: FEED_SIZE, format, explain: true, preview: true } },
  });
  const classical = $api.useQuery('get', '/v1/users/{id}/recommendations', {
    params: { path, query: { limit: FEED_SIZE, engine: 'classical', explain: true } },
  });
  const llm = $api.useQuery('get', '/v1/users/{id}/recommendations', {
    params: { path, query: { limit: FEED_SIZE, engine: 'llm', explain: true } },
  });
  const formatId = useId();

  if (user.isPending) return <Loading label="Loading the user…" />;
  if (user.isError) return <ProblemAlert error={user.error} />;
  const attributes = Object.entries(user.data.attributes);

  return (
    <div className="space-y-4">
      <Card>
        <h2 className="text-lg font-semibold">
          User <span className="font-mono">{user.data.id}</span>
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-slate-700">
          <dt className="font-medium">Segment</dt>
          <dd data-testid="user-segment">
            {feed.isPending ? 'loading…' : feed.isError ? 'unknown (the feed failed)' : (feed.data.segment?.name ?? 'none: the user matches no segment')}
          </dd>
          <dt className="font-medium">Cold start</dt>
          <dd>{feed.data ? (feed.data.coldStart ? 'yes: no history yet' : 'no') : '…'}</dd>
          <dt className="font-medium">Attributes</dt>
          <dd className="flex flex-wrap gap-1">
            {attributes.length === 0
              ? 'none'
              : attributes.map(([key, value]) => (
                  <Badge key={key}>
                    {key}: {Array.isArray(value) ? value.join(', ') : String(value)}
                  </Badge>
                ))}
          </dd>
        </dl>
      </Card>

      <Card>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 className="text-lg font-semibold">Served feed</h2>
          <div className="space-y-1">
            <label htmlFor={formatId} className="block text-sm font-medium text-slate-900">
              Channel format
            </label>
            <Select id={formatId} value={format} onChange={(event) => isChannelFormat(event.target.value) && onFormat(event.target.value)}>
              {CHANNEL_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </div>
        </div>
        {feed.isPending ? (
          <Loading label="Loading the feed…" />
        ) : feed.isError ? (
          <div className="mt-2">
            <ProblemAlert error={feed.error} />
          </div>
        ) : feed.data.items.length === 0 ? (
          <div className="mt-2">
            <EmptyState title="An empty feed">The catalog has nothing to serve this user yet.</EmptyState>
          </div>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">
              Ranked by the {feed.data.engine} engine{feed.data.fallbackReason ? ` (${feed.data.fallbackReason})` : ''}; images in the{' '}
              {feed.data.format} format where a variant has one.
            </p>
            <ol className="mt-3 space-y-2" aria-label="Served items">
              {feed.data.items.map((item) => (
                <ServedItemCard key={item.itemId} item={item} />
              ))}
            </ol>
          </>
        )}
      </Card>

      <section aria-labelledby="rankings-heading">
        <h2 id="rankings-heading" className="mb-2 text-lg font-semibold">
          Rankings side by side
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <RankingColumn title="Classical ranking" engine="classical" query={classical} other={llm.data?.engine === 'llm' ? llm.data : undefined} />
          <RankingColumn title="LLM ranking" engine="llm" query={llm} other={classical.data} />
        </div>
      </section>
    </div>
  );
}
