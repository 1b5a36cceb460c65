import { useQueryClient } from '@tanstack/react-query';
import { AlertDialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { $api } from '../../api/client.js';
import type { components } from '../../api/schema.gen.js';
import { usePrincipal, type Role } from '../../auth/principal.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input, Select } from '../../components/ui/input.js';
import { Badge, Card, EmptyState, Loading } from '../../components/ui/misc.js';
import { readableError } from '../../api/problem.js';
import { KeyCreatedDialog, type CreatedKey } from './key-created.dialog.js';

type ApiKey = components['schemas']['ApiKey'];

/** What each role may do, in the words of the access policy (packages/shared/src/access.ts). */
export const ROLE_HINTS: Record<Role, string> = {
  admin: 'everything, including keys and refits',
  creator: 'catalog, audience, variants',
  viewer: 'read only',
  service: 'feed, events, users (integrations)',
};

const keysQuery = ['get', '/v1/api-keys'] as const;

function when(timestamp: string | null): string {
  return timestamp ? new Date(timestamp).toLocaleString() : '—';
}

/** Admins list, create and revoke the workspace's keys; the secret of a new one is shown once. */
export function ApiKeysCard() {
  const { apiKey: own } = usePrincipal();
  const keys = $api.useQuery(...keysQuery);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...keysQuery] });
  const create = $api.useMutation('post', '/v1/api-keys', { onSuccess: refresh });
  const revoke = $api.useMutation('delete', '/v1/api-keys/{id}', { onSuccess: refresh });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<CreatedKey | null>(null);
  // The API's own validation decides; its zod wording is put in plain words on the field.
  const nameIssue = readableError(create.error).fields.find((f) => f.path === 'body.name');
  const nameError = nameIssue && (/too small/i.test(nameIssue.message) ? 'Required: give the key a name.' : nameIssue.message);

  async function onCreate(event: FormEvent) {
    event.preventDefault();
    const result = await create.mutateAsync({ body: { name: name.trim(), role } }).catch(() => null);
    if (result) {
      setCreated({ name: result.apiKey.name, role: result.apiKey.role, secret: result.secret });
      setName('');
    }
  }

  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">API keys</h2>
      <p className="mt-1 text-sm text-slate-700">Keys of this workspace. A key's secret is shown once, when it is created; revoking a key stops it at once.</p>

      <form onSubmit={(event) => void onCreate(event)} className="mt-4 grid gap-3 sm:grid-cols-[1fr_20rem_auto] sm:items-start" aria-label="Create an API key">
        <Field label="Key name" error={nameError}>
          <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} placeholder="e.g. CMS integration" />
        </Field>
        <Field label="Role">
          <Select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {(Object.keys(ROLE_HINTS) as Role[]).map((r) => (
              <option key={r} value={r}>
                {r} — {ROLE_HINTS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={create.isPending} className="sm:mt-6">
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </form>
      {create.isError && !nameError && (
        <div className="mt-3">
          <ProblemAlert error={create.error} />
        </div>
      )}
      {revoke.isError && (
        <div className="mt-3">
          <ProblemAlert error={revoke.error} />
        </div>
      )}

      <div className="mt-4">
        {keys.isPending ? (
          <Loading label="Loading API keys…" />
        ) : keys.isError ? (
          <div className="space-y-2">
            <ProblemAlert error={keys.error} />
            <Button variant="secondary" onClick={() => void keys.refetch()}>
              Try again
            </Button>
          </div>
        ) : keys.data.length === 0 ? (
          <EmptyState title="No API keys yet" />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API keys of this workspace</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">Name</th>
                  <th scope="col" className="py-2 pr-3">Role</th>
                  <th scope="col" className="py-2 pr-3">Prefix</th>
                  <th scope="col" className="py-2 pr-3">Created</th>
                  <th scope="col" className="py-2 pr-3">Last used</th>
                  <th scope="col" className="py-2 pr-3">State</th>
                  <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id} className="border-b border-slate-100" data-testid="api-key-row">
                    <td className="py-2 pr-3 font-medium text-slate-900">{key.name}</td>
                    <td className="py-2 pr-3">{key.role}</td>
                    <td className="py-2 pr-3 font-mono text-xs">{key.prefix}…</td>
                    <td className="py-2 pr-3">{when(key.createdAt)}</td>
                    <td className="py-2 pr-3">{when(key.lastUsedAt)}</td>
                    <td className="py-2 pr-3">
                      {key.revokedAt ? (
                        <Badge className="bg-slate-200 text-slate-800">Revoked {when(key.revokedAt)}</Badge>
                      ) : key.id === own.id ? (
                        <Badge className="bg-indigo-50 text-indigo-900">This session</Badge>
                      ) : (
                        <Badge className="bg-emerald-50 text-emerald-900">Active</Badge>
                      )}
                    </td>
                    <td className="py-2 text-right">
                      {!key.revokedAt && key.id !== own.id && <ConfirmRevoke apiKey={key} onConfirm={() => revoke.mutateAsync({ params: { path: { id: key.id } } })} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <KeyCreatedDialog created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}

function ConfirmRevoke({ apiKey, onConfirm }: { apiKey: ApiKey; onConfirm: () => Promise<unknown> }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/3 left-1/2 w-[min(92vw,28rem)] -translate-x-1/2 rounded-lg bg-white p-6 shadow-lg">
          <AlertDialog.Title className="text-lg font-semibold">Revoke “{apiKey.name}”?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-700">
            Every request with this {apiKey.role} key is refused from now on. This cannot be undone.
          </AlertDialog.Description>
          <div className="mt-4 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="destructive" onClick={() => void onConfirm().catch(() => undefined)}>
                Revoke key
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
