import { $api } from '../../api/client.js';
import type { components } from '../../api/schema.gen.js';
import type { CatalogSearch } from '../../router.js';

export type Item = components['schemas']['Item'];
export const ITEM_PAGE_SIZE = 100;

/** The catalog as keyset pages: each page asks for the rows after the previous page's `nextCursor`. */
export function useItemPages(filters: CatalogSearch) {
  return $api.useInfiniteQuery(
    'get',
    '/v1/items',
    { params: { query: { limit: ITEM_PAGE_SIZE, ...filters } } },
    {
      pageParamName: 'cursor',
      initialPageParam: null,
      getNextPageParam: (page) => page.nextCursor,
    },
  );
}

/**
 * Whether the rows on screen have come within `margin` rows of the end of what is loaded, so the
 * next page should be asked for now (and not while one is on its way, or when there is none).
 */
export function needsNextPage(state: {
  lastVisibleIndex: number | undefined;
  loaded: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  margin?: number;
}): boolean {
  const { lastVisibleIndex, loaded, hasNextPage, isFetchingNextPage, margin = 20 } = state;
  if (!hasNextPage || isFetchingNextPage || lastVisibleIndex === undefined) return false;
  return lastVisibleIndex >= loaded - 1 - margin;
}
