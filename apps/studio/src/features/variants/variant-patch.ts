import { useQueryClient } from '@tanstack/react-query';
import { $api } from '../../api/client.js';

/**
 * PATCH /v1/variants/:id (approve, reject, edit). The item's variant lists are refreshed after; the
 * review queue keeps its pages and shows the answer in place, so a decision does not move the list.
 */
export function useVariantPatch() {
  const queryClient = useQueryClient();
  return $api.useMutation('patch', '/v1/variants/{id}', {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items/{id}/variants'] });
    },
  });
}
