import { $api } from '../../api/client.js';

export interface SegmentSummary {
  id: string;
  name: string;
}

/** Segment names for labels and filters; until they arrive (or if they fail) ids stand in. */
export function useSegmentNames() {
  const segments = $api.useQuery('get', '/v1/segments', { params: { query: { limit: 500 } } });
  const list: SegmentSummary[] = segments.data?.items.map(({ id, name }) => ({ id, name })) ?? [];
  return { list, isError: segments.isError, name: (id: string) => list.find((s) => s.id === id)?.name ?? id };
}
