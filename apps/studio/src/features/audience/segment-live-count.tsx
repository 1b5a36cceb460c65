import { keepPreviousData } from '@tanstack/react-query';
import type { TSegmentRule } from '@persona/shared';
import { $api } from '../../api/client.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Card, Loading } from '../../components/ui/misc.js';
import { describeAttributes } from './rule-summary.js';
import { useDebounced } from './use-debounced.js';

const SAMPLE_SIZE = 8;

/**
 * How many users the rule being edited matches, and a few of them, evaluated by the API on the
 * unsaved rule (POST /v1/segments/preview) once typing pauses.
 */
export function SegmentLiveCount({ rule }: { rule: TSegmentRule | null }) {
  const settled = useDebounced(rule, 400);
  const preview = $api.useQuery(
    'post',
    '/v1/segments/preview',
    { body: { rule: settled!, sampleSize: SAMPLE_SIZE } },
    { enabled: settled !== null, placeholderData: keepPreviousData, retry: false },
  );
  const typing = JSON.stringify(rule) !== JSON.stringify(settled);

  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">Who matches</h2>
      {rule === null ? (
        <p className="mt-2 text-sm text-slate-700">Complete the rule to see who matches.</p>
      ) : preview.isError ? (
        <div className="mt-2">
          <ProblemAlert error={preview.error} />
        </div>
      ) : !preview.data ? (
        <Loading label="Counting users…" />
      ) : (
        <div className="mt-2 space-y-3">
          <p className="text-sm text-slate-800" aria-live="polite" data-testid="live-count">
            <span className="text-3xl font-semibold text-indigo-800" data-testid="matched">
              {preview.data.matched.toLocaleString('en-US')}
            </span>{' '}
            of {preview.data.total.toLocaleString('en-US')} users match
            {(typing || preview.isFetching) && <span className="ml-2 text-xs text-slate-600">updating…</span>}
          </p>
          {preview.data.sample.length === 0 ? (
            <p className="text-sm text-slate-700">No user matches this rule yet.</p>
          ) : (
            <ul aria-label="Sample of matching users" className="divide-y divide-slate-100 text-sm">
              {preview.data.sample.map((user) => (
                <li key={user.id} className="py-1.5">
                  <span className="font-mono text-slate-900">{user.id}</span>
                  <span className="block truncate text-xs text-slate-600">{describeAttributes(user.attributes, 3)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
