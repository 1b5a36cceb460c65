import { useQueryClient } from '@tanstack/react-query';
import { $api } from '../../api/client.js';
import type { components } from '../../api/schema.gen.js';
import { ProblemAlert, Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Badge, Card, Loading } from '../../components/ui/misc.js';

type RecommenderStatus = components['schemas']['RecommenderStatus'];

const statusQuery = ['get', '/v1/recommender'] as const;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <dt className="text-xs font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">{value}</dd>
    </div>
  );
}

/** The fitted model of the workspace, with a refit for admins (what new events cannot fold in arrives at the next fit). */
export function RecommenderStatusCard({ mayRefit }: { mayRefit: boolean }) {
  const status = $api.useQuery(...statusQuery);
  const queryClient = useQueryClient();
  const refit = $api.useMutation('post', '/v1/recommender/refit', {
    onSuccess: (fresh) => queryClient.setQueryData([...statusQuery], fresh),
  });

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">Recommender</h2>
          <p className="mt-1 text-sm text-slate-700">
            The model the feed ranks with, fitted from the catalog and the events. New events reach it at once; a refit takes in new items and new
            neighbours. Segments and users&apos; attributes need no refit: every feed request assigns the user from the segments as they are now.
          </p>
        </div>
        {mayRefit && (
          <Button variant="secondary" onClick={() => refit.mutate({})} disabled={refit.isPending || status.isPending}>
            {refit.isPending ? 'Refitting…' : 'Refit now'}
          </Button>
        )}
      </div>
      {refit.isError && (
        <div className="mt-3">
          <ProblemAlert error={refit.error} />
        </div>
      )}
      {refit.isSuccess && (
        <div className="mt-3">
          <Alert tone="success" title="Refitted">
            Fitted in {refit.data.fitMs} ms at {new Date(refit.data.fittedAt).toLocaleTimeString()}.
          </Alert>
        </div>
      )}
      <div className="mt-4">
        {status.isPending ? (
          <Loading label="Loading the recommender's status…" />
        ) : status.isError ? (
          <div className="space-y-2">
            <ProblemAlert error={status.error} />
            <Button variant="secondary" onClick={() => void status.refetch()}>
              Try again
            </Button>
          </div>
        ) : (
          <StatusFigures status={status.data} />
        )}
      </div>
    </Card>
  );
}

function StatusFigures({ status }: { status: RecommenderStatus }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="recommender-status">
      <Stat label="Fitted at" value={new Date(status.fittedAt).toLocaleString()} />
      <Stat label="Fit time" value={`${status.fitMs} ms`} />
      <Stat label="Memory" value={formatBytes(status.memoryBytes)} />
      <Stat label="Items" value={status.items.toLocaleString()} />
      <Stat label="Users" value={status.users.toLocaleString()} />
      <Stat label="Interactions" value={status.interactions.toLocaleString()} />
      <Stat label="Events since the fit" value={status.observedSinceFit.toLocaleString()} />
    </dl>
  );
}

/** Whether an OpenAI-compatible endpoint is configured, or every engine runs offline. */
export function EnginesCard() {
  const status = $api.useQuery(...statusQuery);
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">Engines</h2>
      <div className="mt-3 text-sm text-slate-800">
        {status.isPending ? (
          <Loading label="Loading the engines…" />
        ) : status.isError ? (
          <ProblemAlert error={status.error} />
        ) : status.data.llmConfigured ? (
          <div className="space-y-2" data-testid="engines">
            <Badge className="bg-emerald-50 text-emerald-900">LLM endpoint configured</Badge>
            <p>
              Engines set to <em>auto</em> use the configured OpenAI-compatible endpoint: the LLM ranker for feeds and the OpenAI engines for text and images.
              When a call fails, the offline engine answers and the response says why (its fallback reason).
            </p>
          </div>
        ) : (
          <div className="space-y-2" data-testid="engines">
            <Badge className="bg-amber-100 text-amber-950">Offline engines</Badge>
            <p>
              No LLM endpoint is configured, so <em>auto</em> means the offline engines: the classical ranker for feeds, the template engine for text and
              sharp for images. The operator configures an endpoint with <code className="font-mono">LLM_BASE_URL</code> (and{' '}
              <code className="font-mono">LLM_API_KEY</code>) on the API.
            </p>
          </div>
        )}
      </div>
    </Card>
  );
}
