import { useEffect, useState } from 'react';
import { ZReadinessSchema, type TReadiness } from '@persona/shared';

/**
 * Placeholder studio: shows whether the API behind it is ready. The creator workflows (catalog,
 * segments, variant review) arrive with the studio's own issue.
 */
export function App() {
  const [readiness, setReadiness] = useState<TReadiness | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/readyz')
      .then(async (res) => setReadiness(ZReadinessSchema.parse(await res.json())))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '4rem auto', lineHeight: 1.5 }}>
      <h1>Persona Studio</h1>
      <p>Rank items for every user, generate a variant of each item for every audience segment, and learn which one works.</p>
      <section aria-label="API status">
        {error && <p role="alert">API unreachable: {error}</p>}
        {!error && !readiness && <p>Checking the API…</p>}
        {readiness && (
          <p data-testid="api-status">
            API {readiness.status === 'ready' ? 'ready' : 'not ready'} — database{' '}
            {readiness.checks.database.ok ? 'up' : 'down'}, Redis {readiness.checks.redis.ok ? 'up' : 'down'}.{' '}
            <a href="/docs">API reference</a>
          </p>
        )}
      </section>
    </main>
  );
}
