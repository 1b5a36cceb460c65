import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { $api, authorizationHeader, reportIfUnauthorized } from '../../api/client.js';
import { isProblem, ProblemError } from '../../api/problem.js';
import { sessionKey } from '../../auth/session-key.js';
import type { GenerationJob } from './job-format.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'refused';

/** The stream closed before its `end` event (a restart, a proxy): worth opening again. */
class StreamInterrupted extends Error {}

export const jobQuery = (id: string) => $api.queryOptions('get', '/v1/generation-jobs/{id}', { params: { path: { id } } });

/**
 * Follows a running job over the API's server-sent events and writes each `progress` into the
 * job's query, so every view of the job moves with it. fetch-event-source rather than the
 * browser's EventSource, which cannot send the Authorization header. A dropped stream is opened
 * again; a refusal (4xx) is not. Nothing is opened for a finished job.
 */
export function useJobEvents(jobId: string, live: boolean): { state: StreamState; error: unknown } {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!live) return;
    const controller = new AbortController();
    const key = sessionKey.read();
    const authorization = key ? authorizationHeader(key) : null;
    setState('connecting');
    setError(null);
    fetchEventSource(`${globalThis.location.origin}/v1/generation-jobs/${encodeURIComponent(jobId)}/events`, {
      headers: authorization ? { authorization } : {},
      signal: controller.signal,
      // A progress bar in a background tab should still be right when the tab comes back.
      openWhenHidden: true,
      async onopen(response) {
        if (response.ok && response.headers.get('content-type')?.startsWith('text/event-stream')) {
          setState('live');
          return;
        }
        await reportIfUnauthorized(response, authorization);
        const body: unknown = await response.json().catch(() => null);
        if (isProblem(body)) throw new ProblemError(body);
        throw new Error(`The progress stream answered ${response.status}.`);
      },
      onmessage(message) {
        if (message.event === 'progress' || message.event === 'end') {
          queryClient.setQueryData(jobQuery(jobId).queryKey, JSON.parse(message.data) as GenerationJob);
        }
        if (message.event === 'end') {
          setState('ended');
          // The children's outcomes are final now: their lists are read again.
          void queryClient.invalidateQueries({ queryKey: ['get', '/v1/generation-jobs/{id}/children'] });
          void queryClient.invalidateQueries({ queryKey: ['get', '/v1/generation-jobs'] });
          controller.abort();
        }
      },
      onclose() {
        if (!controller.signal.aborted) throw new StreamInterrupted();
      },
      onerror(failure) {
        if (failure instanceof ProblemError && failure.problem.status < 500) throw failure;
        setState('reconnecting');
        return 2_000;
      },
    }).catch((failure: unknown) => {
      setState('refused');
      setError(failure);
    });
    return () => controller.abort();
  }, [jobId, live, queryClient]);

  return { state: live ? state : 'ended', error };
}
