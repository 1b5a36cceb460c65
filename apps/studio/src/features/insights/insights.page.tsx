import { getRouteApi } from '@tanstack/react-router';
import { $api } from '../../api/client.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Card, EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { InsightsFilterForm } from './insights-filters.js';
import { OverviewSection, TestCard } from './insights-sections.js';
import { insightsQuery, type VariantTest } from './insights-view.model.js';

const route = getRouteApi('/app/insights');

/** Which variant works: per segment against control, and per (item, segment) test arm by arm, with uncertainty. */
export function InsightsPage() {
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const query = insightsQuery(filters);
  const valid = query.ok ? query : { variants: { limit: 50 }, overview: {} };
  const overview = $api.useQuery('get', '/v1/insights/overview', { params: { query: valid.overview } }, { enabled: query.ok });
  const variants = $api.useQuery('get', '/v1/insights/variants', { params: { query: valid.variants } }, { enabled: query.ok });
  // Suggestions for the item filter: the items with tests in the current answer.
  const itemIds = [...new Set(variants.data?.tests.map((test) => test.itemId) ?? [])];

  return (
    <>
      <PageHeader
        title="Insights"
        description="Click-through rates with 95% intervals, the probability each arm is best, and the uplift of personalized variants over the original."
      />
      <Card className="mb-4">
        <InsightsFilterForm
          key={JSON.stringify(filters)}
          filters={filters}
          itemIds={itemIds}
          rangeError={query.ok ? undefined : query.message}
          onApply={(next) => void navigate({ search: next })}
        />
      </Card>
      {!query.ok ? (
        <Alert tone="error" title="The filters cannot be applied">
          <p>{query.message}</p>
        </Alert>
      ) : (
        <div className="space-y-6">
          <section aria-labelledby="overview-heading">
            <h2 id="overview-heading" className="mb-2 text-xl font-semibold">
              Overview per segment
            </h2>
            {overview.isPending ? (
              <Loading label="Loading the overview…" />
            ) : overview.isError ? (
              <ProblemAlert error={overview.error} />
            ) : (
              <OverviewSection overview={overview.data} />
            )}
          </section>
          <section aria-labelledby="tests-heading">
            <h2 id="tests-heading" className="mb-2 text-xl font-semibold">
              Tests per item and segment
            </h2>
            {variants.isPending ? (
              <Loading label="Loading the tests…" />
            ) : variants.isError ? (
              <ProblemAlert error={variants.error} />
            ) : variants.data.tests.length === 0 ? (
              <EmptyState title="No tests match">
                A test appears once an item with approved variants has been served to its segment in this range.
              </EmptyState>
            ) : (
              <div className="space-y-4">
                {variants.data.tests.map((test) => (
                  <NamedTestCard key={`${test.itemId}:${test.segmentId}`} test={test} />
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </>
  );
}

/** The card with the item's title and the segment's name; the ids stand in while they load or if they fail. */
function NamedTestCard({ test }: { test: VariantTest }) {
  const item = $api.useQuery('get', '/v1/items/{id}', { params: { path: { id: test.itemId } } }, { staleTime: 60_000 });
  const segment = $api.useQuery('get', '/v1/segments/{id}', { params: { path: { id: test.segmentId } } }, { staleTime: 60_000 });
  return <TestCard test={test} title={item.data?.title ?? test.itemId} segmentName={segment.data?.name ?? test.segmentId} />;
}
