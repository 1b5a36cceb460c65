import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AlertDialog } from 'radix-ui';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Badge, Card, EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { AssetImage } from './asset-image.js';
import { ImageUpload } from './image-upload.js';

const route = getRouteApi('/app/catalog/$itemId');

export function ItemDetailPage() {
  const { itemId } = route.useParams();
  const navigate = route.useNavigate();
  const { may } = usePrincipal();
  const queryClient = useQueryClient();
  const path = { params: { path: { id: itemId } } };
  const item = $api.useQuery('get', '/v1/items/{id}', path);
  const update = $api.useMutation('patch', '/v1/items/{id}');
  const remove = $api.useMutation('delete', '/v1/items/{id}');

  if (item.isPending) return <Loading label="Loading the item…" />;
  if (item.isError) return <ProblemAlert error={item.error} />;
  const data = item.data;

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items'] });
    await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items/{id}'] });
  }

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/catalog" className="text-indigo-800 underline">
          ← Catalog
        </Link>
      </p>
      <PageHeader
        title={data.title}
        description={`${data.category}${data.externalId ? ` · external id ${data.externalId}` : ''}`}
        actions={
          may('catalogWrite') && (
            <>
              <Button asChild variant="secondary">
                <Link to="/catalog/$itemId/edit" params={{ itemId }}>
                  Edit
                </Link>
              </Button>
              <ConfirmDelete
                title={data.title}
                onConfirm={async () => {
                  await remove.mutateAsync(path);
                  await refresh();
                  await navigate({ to: '/catalog' });
                }}
              />
            </>
          )
        }
      />
      {remove.isError && <ProblemAlert error={remove.error} />}
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <Card>
          <h2 className="text-lg font-semibold">Content</h2>
          <div className="mt-2 flex flex-wrap gap-1">
            {data.tags.map((tag) => (
              <Badge key={tag}>{tag}</Badge>
            ))}
          </div>
          <p className="mt-3 whitespace-pre-wrap text-sm leading-6 text-slate-800">{data.body || 'No body text.'}</p>
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-slate-700">
            <dt className="font-medium">Published</dt>
            <dd>{new Date(data.publishedAt).toLocaleString()}</dd>
            <dt className="font-medium">Updated</dt>
            <dd>{new Date(data.updatedAt).toLocaleString()}</dd>
            <dt className="font-medium">Translations</dt>
            <dd>
              {Object.keys(data.translations).length === 0
                ? 'None'
                : Object.entries(data.translations).map(([locale, translation], index) => (
                    <span key={locale}>
                      {index > 0 && '; '}
                      {locale}: <span lang={locale}>{translation.title}</span>
                    </span>
                  ))}
            </dd>
          </dl>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">Image</h2>
          <div className="mt-2">
            {data.imageAssetId ? (
              <AssetImage assetId={data.imageAssetId} alt={`Image of ${data.title}`} className="w-full rounded" />
            ) : (
              <p className="text-sm text-slate-700">No image yet.</p>
            )}
          </div>
          {may('catalogWrite') && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <ImageUpload
                onUploaded={async (imageAssetId) => {
                  await update.mutateAsync({ ...path, body: { imageAssetId } });
                  await refresh();
                }}
              />
            </div>
          )}
        </Card>
      </div>
      <EventCounts itemId={itemId} />
      <Variants itemId={itemId} />
    </>
  );
}

function EventCounts({ itemId }: { itemId: string }) {
  const counts = $api.useQuery('get', '/v1/events/counts', { params: { query: { itemId } } });
  return (
    <Card className="mt-4">
      <h2 className="text-lg font-semibold">Engagement</h2>
      {counts.isPending ? (
        <Loading label="Loading event counts…" />
      ) : counts.isError ? (
        <ProblemAlert error={counts.error} />
      ) : counts.data.total === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No events yet: nobody has viewed or clicked this item.</p>
      ) : (
        <dl className="mt-2 grid grid-cols-3 gap-3 sm:grid-cols-6" data-testid="event-counts">
          {Object.entries(counts.data.counts).map(([type, n]) => (
            <div key={type} className="rounded-md border border-slate-200 p-2">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-700">{type}</dt>
              <dd className="text-xl font-semibold text-slate-900">{n}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

function Variants({ itemId }: { itemId: string }) {
  const variants = $api.useQuery('get', '/v1/items/{id}/variants', { params: { path: { id: itemId } } });
  // Segment names for the table; until they arrive (or if they fail) the ids stand in.
  const segments = $api.useQuery('get', '/v1/segments', { params: { query: { limit: 500 } } });
  const segmentName = (id: string) => segments.data?.items.find((segment) => segment.id === id)?.name ?? id;
  return (
    <Card className="mt-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Variants</h2>
        <Button asChild variant="secondary" size="sm">
          <Link to="/catalog/$itemId/variants" params={{ itemId }}>
            Review variants
          </Link>
        </Button>
      </div>
      <div className="mt-2">
        {variants.isPending ? (
          <Loading label="Loading variants…" />
        ) : variants.isError ? (
          <ProblemAlert error={variants.error} />
        ) : variants.data.items.length === 0 ? (
          <EmptyState title="No variants yet">Variants appear here once a preview or a batch job generates them.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">Segment</th>
                <th scope="col" className="py-2 pr-3">Kind</th>
                <th scope="col" className="py-2 pr-3">Status</th>
                <th scope="col" className="py-2">Headline</th>
              </tr>
            </thead>
            <tbody>
              {variants.data.items.map((variant) => (
                <tr key={variant.id} className="border-b border-slate-100">
                  <td className="py-2 pr-3">{segmentName(variant.segmentId)}</td>
                  <td className="py-2 pr-3">{variant.kind}</td>
                  <td className="py-2 pr-3">
                    <Badge>{variant.status}</Badge>
                  </td>
                  <td className="py-2">{variant.text?.title ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}

function ConfirmDelete({ title, onConfirm }: { title: string; onConfirm: () => Promise<unknown> }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="destructive">Delete</Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/3 left-1/2 w-[min(92vw,28rem)] -translate-x-1/2 rounded-lg bg-white p-6 shadow-lg">
          <AlertDialog.Title className="text-lg font-semibold">Delete “{title}”?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-700">
            The item and its variants are removed. This cannot be undone.
          </AlertDialog.Description>
          <div className="mt-4 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="destructive" onClick={() => void onConfirm()}>
                Delete
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
