import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, authorizationHeader } from '../../api/client.js';
import { readableError, type ReadableError } from '../../api/problem.js';
import { sessionKey } from '../../auth/session-key.js';
import { whoAmIQuery } from '../../auth/principal.js';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input } from '../../components/ui/input.js';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { reason, redirect } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ReadableError | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    const candidate = secret.trim();
    if (!candidate) return setError({ title: 'Enter an API key', detail: 'Paste the key your admin gave you.', status: null, code: null, fields: [] });
    setBusy(true);
    setError(null);
    try {
      // The candidate goes in its own header: nothing is stored until the API accepts it.
      const { data, error: failure } = await api.GET('/v1/me', { headers: { authorization: authorizationHeader(candidate) } });
      if (!data) return setError(readableError(failure));
      sessionKey.save(candidate);
      queryClient.setQueryData(whoAmIQuery.queryKey, data);
      await (redirect ? navigate({ href: redirect }) : navigate({ to: '/catalog' }));
    } catch (failure) {
      setError(readableError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <h1 className="text-2xl font-semibold">Persona Studio</h1>
      <p className="mt-1 text-sm text-slate-700">Sign in with an API key. It is kept for this browser tab only.</p>
      <form onSubmit={signIn} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
        {reason && !error && (
          <Alert tone="warning" title="You were signed out">
            {reason}
          </Alert>
        )}
        {error && (
          <Alert tone="error" title={error.title}>
            {error.detail}
          </Alert>
        )}
        <Field label="API key" hint="Starts with pk_. The platform prints an admin key on its first start; admins create more keys.">
          <Input
            type="password"
            name="apiKey"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoFocus
          />
        </Field>
        <Button type="submit" disabled={busy} className="w-full">
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
