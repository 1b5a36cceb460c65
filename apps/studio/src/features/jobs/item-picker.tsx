import { useState } from 'react';
import { $api } from '../../api/client.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Input } from '../../components/ui/input.js';
import { Loading } from '../../components/ui/misc.js';

const RESULTS = 25;

/**
 * Picks items by hand: a full-text search of the catalog (the API's own), a checkbox per result,
 * and the picked items as removable chips. Titles are remembered for the chips of items no longer
 * in the results.
 */
export function ItemPicker({
  value,
  onChange,
  error,
  describedBy,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  describedBy?: string | undefined;
}) {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState<string | undefined>(undefined);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const results = $api.useQuery('get', '/v1/items', { params: { query: { limit: RESULTS, ...(q ? { q } : {}) } } });

  function search(event: { preventDefault(): void }) {
    event.preventDefault();
    setQ(draft.trim() || undefined);
  }

  function toggle(id: string, title: string) {
    setTitles((t) => ({ ...t, [id]: title }));
    onChange(value.includes(id) ? value.filter((v) => v !== id) : [...value, id]);
  }

  return (
    <div className="space-y-3">
      {/* A search inside the wizard's form: its own submit, so Enter searches instead of moving on. */}
      <div role="search" className="flex items-end gap-2">
        <div className="flex-1 space-y-1">
          <label htmlFor="item-picker-search" className="block text-sm font-medium text-slate-900">
            Find items
          </label>
          <Input
            id="item-picker-search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && search(e)}
            placeholder="Words from the title, tags or body"
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <Button type="button" variant="secondary" onClick={search}>
          Find
        </Button>
      </div>
      {value.length > 0 && (
        <div aria-label="Picked items" role="group" className="flex flex-wrap gap-1.5">
          {value.map((id) => (
            <span key={id} className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-900">
              {titles[id] ?? id}
              <button
                type="button"
                className="rounded-full px-1 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                aria-label={`Remove ${titles[id] ?? id}`}
                onClick={() => onChange(value.filter((v) => v !== id))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {results.isPending ? (
        <Loading label="Searching the catalog…" />
      ) : results.isError ? (
        <ProblemAlert error={results.error} />
      ) : results.data.items.length === 0 ? (
        <p className="text-sm text-slate-700">{q ? `No item matches “${q}”.` : 'The catalog is empty.'}</p>
      ) : (
        <fieldset className="max-h-72 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          <legend className="sr-only">Search results</legend>
          {results.data.items.map((item) => (
            <label key={item.id} className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
              <input type="checkbox" checked={value.includes(item.id)} onChange={() => toggle(item.id, item.title)} className="accent-indigo-700" />
              <span className="text-slate-900">{item.title}</span>
              <span className="text-xs text-slate-700">{item.category}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
