import type { UseQueryResult } from '@tanstack/react-query';
import { ProblemAlert, Alert } from '../../components/ui/alert.js';
import { Badge, Card, EmptyState, Loading } from '../../components/ui/misc.js';
import { llmRankingState, rankMoves, type RecommendationResponse } from './feed-view.model.js';

/** One ranker's answer for the user: engine, fallback, cold start, and the ranked items with their reasons. */
export function RankingColumn({
  title,
  engine,
  query,
  other,
}: {
  title: string;
  engine: 'classical' | 'llm';
  query: UseQueryResult<RecommendationResponse, unknown>;
  other: RecommendationResponse | undefined;
}) {
  const headingId = `ranking-${engine}`;
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="text-lg font-semibold">
          {title}
        </h3>
        {query.isPending ? (
          <Loading label={`Loading the ${title.toLowerCase()}…`} />
        ) : query.isError ? (
          <ProblemAlert error={query.error} />
        ) : (
          <RankingBody engine={engine} response={query.data} other={other} />
        )}
      </section>
    </Card>
  );
}

function RankingBody({ engine, response, other }: { engine: 'classical' | 'llm'; response: RecommendationResponse; other: RecommendationResponse | undefined }) {
  const llm = llmRankingState(response);
  if (engine === 'llm' && !llm.ranked) {
    // Never show the classical list under the LLM heading: say that there is no LLM ranking, and the API's reason.
    return (
      <div className="mt-2">
        <Alert tone="warning" title="No LLM ranking">
          <p>The API ranked this user with the classical engine instead. Its reason:</p>
          <p className="mt-1 font-mono" data-testid="llm-fallback-reason">
            {llm.reason}
          </p>
          {llm.reason === 'llm_not_configured' && (
            <p className="mt-1">No LLM endpoint is configured for the API, so only the offline engines run.</p>
          )}
        </Alert>
      </div>
    );
  }
  const moves = rankMoves(response, other);
  return (
    <>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
        <dt className="font-medium">Engine</dt>
        <dd data-testid={`${engine}-engine`}>{response.engine}</dd>
        <dt className="font-medium">Fallback</dt>
        <dd>{response.fallbackReason ?? 'none'}</dd>
        <dt className="font-medium">Cold start</dt>
        <dd>{response.coldStart ? 'yes: no history, ranked by popularity and the segment' : 'no'}</dd>
        <dt className="font-medium">Latency</dt>
        <dd>{response.latencyMs} ms</dd>
      </dl>
      {response.items.length === 0 ? (
        <div className="mt-3">
          <EmptyState title="Nothing to rank">The catalog has no items this user can be shown.</EmptyState>
        </div>
      ) : (
        <ol className="mt-3 space-y-2" aria-label={`${engine === 'llm' ? 'LLM' : 'Classical'} ranking`}>
          {response.items.map((item) => {
            const elsewhere = moves.get(item.itemId);
            return (
              <li key={item.itemId} className="rounded-md border border-slate-200 p-2 text-sm">
                <div className="flex items-baseline gap-2">
                  <span className="font-mono text-xs text-slate-700">#{item.rank}</span>
                  <span className="font-medium text-slate-900">{item.item.title}</span>
                  <span className="ml-auto font-mono text-xs text-slate-700">score {item.score.toFixed(3)}</span>
                </div>
                <div className="mt-1 flex flex-wrap gap-1">
                  {item.sources.map((source) => (
                    <Badge key={source}>{source}</Badge>
                  ))}
                  {other && (
                    <Badge className="bg-slate-50 text-slate-800">
                      {elsewhere ? `#${elsewhere} in the other ranking` : 'not in the other ranking'}
                    </Badge>
                  )}
                </div>
                {item.explanation && <p className="mt-1 text-slate-700">{item.explanation.text}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
