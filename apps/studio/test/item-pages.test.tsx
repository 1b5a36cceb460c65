// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, configure, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ItemPages from '../src/features/catalog/item-pages.js';
import { startPlatform, type PlatformProcess } from './support/platform-process.js';

// A busy machine can take more than testing-library's default second to answer.
configure({ asyncUtilTimeout: 30_000 });

// The catalog's paging hook against the real API's keyset pagination (a real API process).
describe('catalog keyset paging', () => {
  let platform: PlatformProcess;
  let pages: typeof ItemPages;

  beforeAll(async () => {
    platform = await startPlatform({ seedDemoData: false });
    // The studio is served from the API's origin; the document lives there too.
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${platform.origin}/studio/catalog`);
    const rows = Array.from({ length: 250 }, (_, i) => ({
      externalId: `paging-${i}`,
      title: `Paging item ${i}`,
      category: i % 2 ? 'odd' : 'even',
      body: i === 7 ? 'The one about a zebra crossing.' : 'Plain text.',
    }));
    const response = await fetch(`${platform.origin}/v1/items/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.adminKey}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(((await response.json()) as { created: number }).created).toBe(250);
    const { sessionKey } = await import('../src/auth/session-key.js');
    sessionKey.save(platform.adminKey);
    pages = await import('../src/features/catalog/item-pages.js');
  });
  afterAll(() => platform?.stop());

  function renderPages(filters: Parameters<typeof ItemPages.useItemPages>[0]) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    return renderHook(() => pages.useItemPages(filters), { wrapper });
  }

  async function readAll(result: ReturnType<typeof renderPages>['result']) {
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    while (result.current.hasNextPage) await act(() => result.current.fetchNextPage());
    return result.current.data!.pages;
  }

  it('walks the whole catalog page by page through nextCursor, each item once', async () => {
    const { result } = renderPages({});
    const all = await readAll(result);
    expect(all.map((p) => p.items.length)).toEqual([pages.ITEM_PAGE_SIZE, pages.ITEM_PAGE_SIZE, 50]);
    const ids = all.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(250);
    expect(all.at(-1)!.nextCursor).toBeNull();
  });

  it('keeps the filters on every page it asks for', async () => {
    const { result } = renderPages({ category: 'odd' });
    const items = (await readAll(result)).flatMap((p) => p.items);
    expect(items).toHaveLength(125);
    expect(items.every((item) => item.category === 'odd')).toBe(true);
  });

  it('searches the full text on the server', async () => {
    const { result } = renderPages({ q: 'zebra' });
    const items = (await readAll(result)).flatMap((p) => p.items);
    expect(items.map((i) => i.title)).toEqual(['Paging item 7']);
  });
});

describe('when to ask for the next page', () => {
  it('asks once the rows in view come within the margin of the loaded end, and only then', async () => {
    const { needsNextPage } = await import('../src/features/catalog/item-pages.js');
    const base = { loaded: 100, hasNextPage: true, isFetchingNextPage: false, margin: 20 };
    expect(needsNextPage({ ...base, lastVisibleIndex: 50 })).toBe(false);
    expect(needsNextPage({ ...base, lastVisibleIndex: 79 })).toBe(true);
    expect(needsNextPage({ ...base, lastVisibleIndex: 99 })).toBe(true);
    expect(needsNextPage({ ...base, lastVisibleIndex: 99, hasNextPage: false })).toBe(false);
    expect(needsNextPage({ ...base, lastVisibleIndex: 99, isFetchingNextPage: true })).toBe(false);
    expect(needsNextPage({ ...base, lastVisibleIndex: undefined })).toBe(false);
  });
});
