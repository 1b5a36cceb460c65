import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Select } from '../../components/ui/input.js';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import type { ReviewSearch } from '../../router.js';
import { movedIndex, REVIEW_SHORTCUTS, useReviewKeys, type ReviewAction } from './review-keys.js';
import { useSegmentNames } from './segment-names.js';
import { VariantCard } from './variant-card.js';
import type { Variant } from './variant-model.js';
import { useVariantPatch } from './variant-patch.js';

const route = getRouteApi('/app/review');
export const REVIEW_PAGE_SIZE = 25;

/**
 * Every variant awaiting review across items, newest first, filtered by segment, kind, guardrail
 * status (and a job or an item from the URL), reviewed with the keyboard: j/k or arrows to move,
 * a to approve, r to reject. Decisions show in place, so the list does not jump under the reviewer.
 */
export function ReviewQueuePage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { may } = usePrincipal();
  const canWrite = may('catalogWrite');
  const segments = useSegmentNames();
  const pages = $api.useInfiniteQuery(
    'get',
    '/v1/variants',
    { params: { query: { limit: REVIEW_PAGE_SIZE, ...search } } },
    { pageParamName: 'cursor', initialPageParam: null, getNextPageParam: (page) => page.nextCursor },
  );
  const setFilter = (key: keyof ReviewSearch, value: string) => void navigate({ search: { ...search, [key]: value || undefined } });

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Variants across the catalog, newest first. Approved variants are what users can be served."
      />
      <div className="grid gap-3 sm:grid-cols-4" role="group" aria-label="Filters">
        <Field label="Status">
          <Select value={search.status ?? 'draft'} onChange={(e) => setFilter('status', e.target.value === 'draft' ? '' : e.target.value)}>
            <option value="draft">Awaiting review</option>
            <option value="failed">Failed</option>
            <option value="approved">Approved</option>
            <option value="rejected">Rejected</option>
            <option value="any">Any status</option>
          </Select>
        </Field>
        <Field label="Segment">
          <Select value={search.segmentId ?? ''} onChange={(e) => setFilter('segmentId', e.target.value)}>
            <option value="">All segments</option>
            {segments.list.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Kind">
          <Select value={search.kind ?? ''} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">Text and image</option>
            <option value="text">Text</option>
            <option value="image">Image</option>
          </Select>
        </Field>
        <Field label="Guardrails">
          <Select value={search.guardrail ?? ''} onChange={(e) => setFilter('guardrail', e.target.value)}>
            <option value="">Any result</option>
            <option value="fail">Fail</option>
            <option value="warn">Warn</option>
            <option value="pass">Pass</option>
          </Select>
        </Field>
      </div>
      {(search.jobId || search.itemId) && (
        <div className="mt-3 flex flex-wrap gap-2 text-sm">
          {search.jobId && (
            <Badge className="gap-2 bg-indigo-50 py-1 text-indigo-900">
              Job {search.jobId}
              <button type="button" className="underline" onClick={() => setFilter('jobId', '')}>
                Show all jobs
              </button>
            </Badge>
          )}
          {search.itemId && (
            <Badge className="gap-2 bg-indigo-50 py-1 text-indigo-900">
              Item {search.itemId}
              <button type="button" className="underline" onClick={() => setFilter('itemId', '')}>
                Show all items
              </button>
            </Badge>
          )}
        </div>
      )}
      <Shortcuts canWrite={canWrite} />
      <div className="mt-4">
        {pages.isPending ? (
          <Loading label="Loading the review queue…" />
        ) : pages.isError ? (
          <div className="space-y-2">
            <ProblemAlert error={pages.error} />
            <Button variant="secondary" onClick={() => void pages.refetch()}>
              Try again
            </Button>
          </div>
        ) : (
          <QueueList
            // A new filter is a new list: the position starts again at the top.
            key={JSON.stringify(search)}
            variants={pages.data.pages.flatMap((page) => page.items)}
            hasNextPage={pages.hasNextPage}
            isFetchingNextPage={pages.isFetchingNextPage}
            fetchNextPage={() => void pages.fetchNextPage()}
            canWrite={canWrite}
            segmentName={segments.name}
            filtered={Object.values(search).some(Boolean)}
          />
        )}
      </div>
    </>
  );
}

function Shortcuts({ canWrite }: { canWrite: boolean }) {
  return (
    <section aria-label="Keyboard shortcuts" className="mt-3 rounded-md bg-slate-50 p-2 text-sm text-slate-800">
      <span className="font-medium">Keyboard:</span>{' '}
      {REVIEW_SHORTCUTS.filter((s) => canWrite || !s.writes).map((shortcut, index) => (
        <span key={shortcut.action}>
          {index > 0 && ' · '}
          {shortcut.keys.map((key, i) => (
            <span key={key}>
              {i > 0 && ' or '}
              <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">{key === 'ArrowDown' ? '↓' : key === 'ArrowUp' ? '↑' : key}</kbd>
            </span>
          ))}{' '}
          {shortcut.label.toLowerCase()}
        </span>
      ))}
      {!canWrite && <span> · read-only key: decisions are for creators and admins</span>}
      <span className="text-slate-700"> (not while typing in a field)</span>
    </section>
  );
}

function QueueList({
  variants,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  canWrite,
  segmentName,
  filtered,
}: {
  variants: Variant[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  canWrite: boolean;
  segmentName: (id: string) => string;
  filtered: boolean;
}) {
  const [active, setActive] = useState(0);
  // Answers to decisions and edits made here, shown in place of the listed variant.
  const [answers, setAnswers] = useState<ReadonlyMap<string, Variant>>(new Map());
  const [announcement, setAnnouncement] = useState('');
  const decide = useVariantPatch();
  const listRef = useRef<HTMLOListElement>(null);
  const shown = variants.map((v) => answers.get(v.id) ?? v);
  const current = shown[Math.min(active, shown.length - 1)];

  const answer = (variant: Variant) => setAnswers((map) => new Map(map).set(variant.id, variant));

  useEffect(() => {
    listRef.current?.querySelector('[data-active]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  // Coming to the last loaded variant asks for the next page, so keyboard review never stalls.
  useEffect(() => {
    if (active >= shown.length - 1 && hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [active, shown.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  async function onAction(action: ReviewAction) {
    if (!current) return;
    if (action === 'next' || action === 'previous') {
      const next = movedIndex(active, action, shown.length);
      setActive(next);
      setAnnouncement(`Variant ${next + 1} of ${shown.length}${hasNextPage ? '+' : ''}.`);
      return;
    }
    const status = action === 'approve' ? 'approved' : 'rejected';
    try {
      const updated = await decide.mutateAsync({ params: { path: { id: current.id } }, body: { status } });
      answer(updated);
      setAnnouncement(`${status === 'approved' ? 'Approved' : 'Rejected'} variant ${active + 1}.`);
      setActive((index) => movedIndex(index, 'next', shown.length));
    } catch {
      setAnnouncement(`Variant ${active + 1} was not ${status}; see the message above the list.`);
    }
  }
  useReviewKeys((action) => void onAction(action), canWrite);

  if (shown.length === 0) {
    return (
      <EmptyState title={filtered ? 'No variant matches these filters' : 'Nothing awaits review'}>
        {filtered ? 'Change or clear the filters.' : 'New drafts appear here when a preview or a batch job generates them.'}
      </EmptyState>
    );
  }

  const decided = shown.filter((v, i) => v.status !== variants[i]!.status).length;
  return (
    <>
      <p className="mb-2 text-sm text-slate-700">
        {shown.length} variant{shown.length === 1 ? '' : 's'} loaded{hasNextPage ? ', more on request' : ''}; {decided} decided here.
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {decide.isError && <ProblemAlert error={decide.error} />}
      <ol ref={listRef} className="space-y-3" aria-label="Variants to review">
        {shown.map((variant, index) => (
          <li key={variant.id} onFocusCapture={() => setActive(index)} onClick={() => setActive(index)}>
            <VariantCard
              variant={variant}
              subject={`${variant.kind} for ${segmentName(variant.segmentId)}${variant.text?.title ? `: ${variant.text.title}` : ''}`}
              canWrite={canWrite}
              active={index === active}
              onChanged={answer}
              extra={
                <p className="text-xs text-slate-700">
                  <span className="font-medium">{segmentName(variant.segmentId)}</span> · {variant.kind} ·{' '}
                  <Link to="/catalog/$itemId/variants" params={{ itemId: variant.itemId }} className="text-indigo-800 underline">
                    All variants of this item
                  </Link>
                </p>
              }
            />
          </li>
        ))}
      </ol>
      {hasNextPage && (
        <Button variant="secondary" className="mt-4" onClick={fetchNextPage} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </>
  );
}
