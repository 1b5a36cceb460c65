import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { Alert } from '../../components/ui/alert.js';
import { Card, PageHeader } from '../../components/ui/misc.js';
import { ItemForm } from './item-form.js';

export function ItemCreatePage() {
  const { may } = usePrincipal();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = $api.useMutation('post', '/v1/items');

  if (!may('catalogWrite')) return <Alert tone="warning" title="Read-only key">Your role cannot create items.</Alert>;
  return (
    <>
      <PageHeader title="New item" />
      <Card>
        <ItemForm
          submitLabel="Create item"
          onCancel={() => void navigate({ to: '/catalog' })}
          onSubmit={async (body) => {
            const item = await create.mutateAsync({ body });
            await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items'] });
            await navigate({ to: '/catalog/$itemId', params: { itemId: item.id } });
          }}
        />
      </Card>
    </>
  );
}
