import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { usePrincipal } from '../../auth/principal.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input } from '../../components/ui/input.js';
import { EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import type { CatalogSearch } from '../../router.js';
import { useItemPages } from './item-pages.js';
import { ItemTable } from './item-table.js';

const route = getRouteApi('/app/catalog');

export function CatalogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { may } = usePrincipal();
  const pages = useItemPages(search);
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(search.q || search.category || search.tag);

  return (
    <>
      <PageHeader
        title="Catalog"
        description="Every item the platform ranks and personalizes."
        actions={
          may('catalogWrite') && (
            <>
              <Button asChild variant="secondary">
                <Link to="/catalog/import">Import</Link>
              </Button>
              <Button asChild>
                <Link to="/catalog/new">New item</Link>
              </Button>
            </>
          )
        }
      />
      <Filters key={JSON.stringify(search)} search={search} onApply={(next) => void navigate({ search: next })} />
      <div className="mt-4">
        {pages.isPending ? (
          <Loading label="Loading items…" />
        ) : pages.isError ? (
          <div className="space-y-2">
            <ProblemAlert error={pages.error} />
            <Button variant="secondary" onClick={() => void pages.refetch()}>
              Try again
            </Button>
          </div>
        ) : items.length === 0 ? (
          <EmptyState title={filtered ? 'No item matches these filters' : 'The catalog is empty'}>
            {filtered ? 'Try other words, or clear the filters.' : may('catalogWrite') ? 'Create an item or import a file.' : 'Nothing to show yet.'}
          </EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700" aria-live="polite">
              {items.length} item{items.length === 1 ? '' : 's'} loaded{pages.hasNextPage ? '; more load as you scroll' : ''}.
            </p>
            <ItemTable
              items={items}
              hasNextPage={pages.hasNextPage}
              isFetchingNextPage={pages.isFetchingNextPage}
              fetchNextPage={pages.fetchNextPage}
            />
          </>
        )}
      </div>
    </>
  );
}

function Filters({ search, onApply }: { search: CatalogSearch; onApply: (next: CatalogSearch) => void }) {
  const [draft, setDraft] = useState(search);
  const set = (key: keyof CatalogSearch) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value || undefined });

  function apply(event: FormEvent) {
    event.preventDefault();
    onApply({ q: draft.q?.trim() || undefined, category: draft.category?.trim() || undefined, tag: draft.tag?.trim() || undefined });
  }

  return (
    <form role="search" aria-label="Search the catalog" onSubmit={apply} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_1fr_auto]">
      <Field label="Search">
        <Input type="search" placeholder="Words in title, tags or body" value={draft.q ?? ''} onChange={set('q')} />
      </Field>
      <Field label="Category">
        <Input value={draft.category ?? ''} onChange={set('category')} />
      </Field>
      <Field label="Tag">
        <Input value={draft.tag ?? ''} onChange={set('tag')} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Search</Button>
        {(search.q || search.category || search.tag) && (
          <Button type="button" variant="ghost" onClick={() => onApply({})}>
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
