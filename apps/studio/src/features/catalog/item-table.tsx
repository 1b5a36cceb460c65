import { Link } from '@tanstack/react-router';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { needsNextPage, type Item } from './item-pages.js';

const column = createColumnHelper<Item>();
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const columns = [
  column.accessor('title', {
    header: 'Title',
    cell: (info) => (
      <Link
        to="/catalog/$itemId"
        params={{ itemId: info.row.original.id }}
        className="font-medium text-indigo-800 underline-offset-2 hover:underline"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor('category', { header: 'Category' }),
  column.accessor('tags', {
    header: 'Tags',
    cell: (info) => <span className="text-slate-700">{info.getValue().join(', ')}</span>,
  }),
  column.accessor('publishedAt', { header: 'Published', cell: (info) => dateFormat.format(new Date(info.getValue())) }),
];

const ROW_HEIGHT = 41;

/**
 * Only the rows in view are in the DOM (spacer rows keep the scroll height), so 10,000 items
 * scroll like 50; reaching the end of what is loaded asks for the next keyset page.
 */
export function ItemTable({
  items,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  items: Item[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  const table = useReactTable({ data: items, columns, getCoreRowModel: getCoreRowModel(), getRowId: (item) => item.id });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisibleIndex = virtualRows.at(-1)?.index;

  useEffect(() => {
    if (needsNextPage({ lastVisibleIndex, loaded: rows.length, hasNextPage, isFetchingNextPage })) void fetchNextPage();
  }, [lastVisibleIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const paddingTop = virtualRows[0]?.start ?? 0;
  const paddingBottom = virtualRows.length > 0 ? virtualizer.getTotalSize() - virtualRows.at(-1)!.end : 0;

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label="Catalog items"
      className="h-[min(65vh,640px)] overflow-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <table className="w-full table-fixed border-collapse text-sm" aria-rowcount={items.length + 1}>
        <colgroup>
          <col className="w-[44%]" />
          <col className="w-[16%]" />
          <col className="w-[24%]" />
          <col className="w-[16%]" />
        </colgroup>
        <thead className="sticky top-0 z-[1] bg-slate-100">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className="px-3 py-2 text-left font-semibold text-slate-800">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingTop }} />
            </tr>
          )}
          {virtualRows.map((virtualRow) => {
            const row = rows[virtualRow.index]!;
            return (
              <tr
                key={row.id}
                aria-rowindex={virtualRow.index + 2}
                className="border-t border-slate-100 hover:bg-slate-50"
                style={{ height: ROW_HEIGHT }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="truncate px-3 py-2">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {isFetchingNextPage && (
        <p role="status" className="p-3 text-center text-sm text-slate-700">
          Loading more items…
        </p>
      )}
    </div>
  );
}
