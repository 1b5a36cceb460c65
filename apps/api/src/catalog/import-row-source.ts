import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One parsed row of an import file, or why it could not be parsed, with its 1-based line. */
export type SourceRow = { line: number; value: unknown } | { line: number; error: string };

/** NDJSON: one JSON object a line; blank lines are allowed and skipped. */
export async function* ndjsonRows(stream: Readable): AsyncGenerator<SourceRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      yield { line, error: `invalid JSON: ${(error as Error).message}` };
    }
  }
}

/**
 * CSV with a header row. `tags` holds tags separated by "|"; `attributes.<name>` columns fill
 * attributes; empty cells mean "not given". Rows csv-parse cannot read are reported, not fatal.
 */
export async function* csvRows(stream: Readable): AsyncGenerator<SourceRow> {
  const skipped: SourceRow[] = [];
  const parser = stream.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, skip_records_with_error: true }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ line: error.lines ?? 0, error: `unreadable CSV row: ${error.message}` });
  });
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* skipped.splice(0);
    yield { line: info.lines, value: csvRecordToItem(record) };
  }
  yield* skipped.splice(0);
}

function csvRecordToItem(record: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell === '') continue;
    if (column.startsWith('attributes.')) attributes[column.slice('attributes.'.length)] = cell;
    else if (column === 'tags') item.tags = cell.split('|').map((t) => t.trim()).filter(Boolean);
    else item[column] = cell;
  }
  if (Object.keys(attributes).length) item.attributes = attributes;
  return item;
}
