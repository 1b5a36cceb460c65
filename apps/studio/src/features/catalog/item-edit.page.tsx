import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Card, Loading, PageHeader } from '../../components/ui/misc.js';
import { ItemForm } from './item-form.js';

const route = getRouteApi('/app/catalog/$itemId/edit');

export function ItemEditPage() {
  const { itemId } = route.useParams();
  const navigate = route.useNavigate();
  const { may } = usePrincipal();
  const queryClient = useQueryClient();
  const item = $api.useQuery('get', '/v1/items/{id}', { params: { path: { id: itemId } } });
  const update = $api.useMutation('patch', '/v1/items/{id}');

  if (!may('catalogWrite')) return <Alert tone="warning" title="Read-only key">Your role cannot edit items.</Alert>;
  if (item.isPending) return <Loading label="Loading the item…" />;
  if (item.isError) return <ProblemAlert error={item.error} />;
  const { title, category, body, tags, externalId, translations } = item.data;
  return (
    <>
      <PageHeader title={`Edit “${title}”`} />
      <Card>
        <ItemForm
          submitLabel="Save changes"
          defaultValues={{ title, category, body, tags, externalId: externalId ?? undefined, translations }}
          onCancel={() => void navigate({ to: '/catalog/$itemId', params: { itemId } })}
          onSubmit={async ({ title, category, body, tags, externalId, translations }) => {
            // Only the form's fields: a patch replaces what it names (attributes stay as stored).
            await update.mutateAsync({ params: { path: { id: itemId } }, body: { title, category, body, tags, externalId, translations } });
            await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items'] });
            await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items/{id}'] });
            await navigate({ to: '/catalog/$itemId', params: { itemId } });
          }}
        />
      </Card>
    </>
  );
}
