import { useId, useState, type FormEvent } from 'react';
import { $api } from '../../api/client.js';
import { Button } from '../../components/ui/button.js';
import { Input } from '../../components/ui/input.js';

/** How many users the picker suggests; any other id can still be typed in full. */
const SUGGESTED_USERS = 200;

/**
 * Choose whose feed to look at: type an id (the browser suggests the workspace's first users as
 * you type) and open it. The list API pages by cursor and has no search, so suggestions are the
 * first page; the feed itself answers "not found" for an id that does not exist.
 */
export function UserPicker({ userId, onPick }: { userId: string | undefined; onPick: (userId: string) => void }) {
  const [draft, setDraft] = useState(userId ?? '');
  const inputId = useId();
  const listId = useId();
  const users = $api.useQuery('get', '/v1/users', { params: { query: { limit: SUGGESTED_USERS } } });

  function submit(event: FormEvent) {
    event.preventDefault();
    const id = draft.trim();
    if (id) onPick(id);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" role="search" aria-label="Find a user">
      <div className="min-w-64 flex-1 space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
          User id
        </label>
        <Input
          id={inputId}
          list={listId}
          value={draft}
          maxLength={128}
          autoComplete="off"
          placeholder={users.data?.items[0]?.id ? `for example ${users.data.items[0].id}` : 'a user id'}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <datalist id={listId}>
        {users.data?.items.map((user) => (
          <option key={user.id} value={user.id} />
        ))}
      </datalist>
      <Button type="submit" disabled={!draft.trim()}>
        Show feed
      </Button>
      {users.isSuccess && users.data.items.length === 0 && (
        <p className="w-full text-sm text-slate-700">This workspace has no users yet: add them through the users API.</p>
      )}
    </form>
  );
}
