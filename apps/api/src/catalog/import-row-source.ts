import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One parsed row of an import file, or why it could not be parsed, with its 1-based line. */
export type SourceRow = { line: number; value: unknown } | { line: number; error: string };

/**
 * Longest line an import accepts (an item's body may hold 100,000 characters, escaped). A longer
 * line is reported and skipped while it streams past: it is never held in memory whole.
 */
export const MAX_IMPORT_LINE_BYTES = 1024 * 1024;

type PhysicalLine = { line: number; text: string } | { line: number; tooLong: true };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines, keeping at most `maxBytes` of the current line: past that the
 * line's bytes are dropped as they arrive and the line comes out as `tooLong`.
 */
export async function* cappedLines(stream: Readable, maxBytes: number): AsyncGenerator<PhysicalLine> {
  let line = 1;
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  const finish = (): PhysicalLine => {
    const done: PhysicalLine = tooLong ? { line, tooLong: true } : { line, text: decodeLine(Buffer.concat(parts, length)) };
    parts = [];
    length = 0;
    tooLong = false;
    line += 1;
    return done;
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(NEWLINE, start);
      const piece = bytes.subarray(start, end === -1 ? bytes.length : end);
      if (!tooLong && length + piece.length <= maxBytes) {
        parts.push(piece);
        length += piece.length;
      } else if (!tooLong) {
        tooLong = true;
        parts = [];
        length = 0;
      }
      if (end === -1) break;
      yield finish();
      start = end + 1;
    }
  }
  if (length > 0 || tooLong) yield finish();
}

function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}

const tooLongError = (line: number): SourceRow => ({ line, error: `line is longer than ${MAX_IMPORT_LINE_BYTES} bytes` });

/** NDJSON: one JSON object a line; blank lines are allowed and skipped. */
export async function* ndjsonRows(stream: Readable, maxLineBytes = MAX_IMPORT_LINE_BYTES): AsyncGenerator<SourceRow> {
  for await (const physical of cappedLines(stream, maxLineBytes)) {
    if ('tooLong' in physical) {
      yield tooLongError(physical.line);
      continue;
    }
    if (physical.text.trim() === '') continue;
    try {
      yield { line: physical.line, value: JSON.parse(physical.text) };
    } catch (error) {
      yield { line: physical.line, error: `invalid JSON: ${(error as Error).message}` };
    }
  }
}

/** Stands in for an over-long line in what csv-parse reads; NUL cannot be imported anyway. */
const OVER_LONG_MARKER = '\u0000over-long line\u0000';

/**
 * CSV with a header row. `tags` holds tags separated by "|"; `attributes.<name>` columns fill
 * attributes; `<field>@<locale>` columns (`title@es`, `summary@es`, `body@es`) fill the item's
 * translation for that locale; empty cells mean "not given". Rows csv-parse cannot read are reported, not fatal.
 * An over-long line reaches csv-parse as a marker line, so line numbers stay true and the record
 * holding it (a quoted field may span lines) is reported as failed, never stored without it.
 */
export async function* csvRows(stream: Readable, maxLineBytes = MAX_IMPORT_LINE_BYTES): AsyncGenerator<SourceRow> {
  const overLong: number[] = [];
  const capped = Readable.from(
    (async function* () {
      for await (const physical of cappedLines(stream, maxLineBytes)) {
        if ('tooLong' in physical) overLong.push(physical.line);
        yield `${'tooLong' in physical ? OVER_LONG_MARKER : physical.text}\n`;
      }
    })(),
  );
  const skipped: { lines: number; message: string }[] = [];
  const parser = capped.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, skip_records_with_error: true }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => skipped.push({ lines: error.lines ?? 0, message: error.message }));
  // Records come in line order, so the unclaimed over-long lines up to a record's last line are its own.
  const claimOverLong = (upTo: number): SourceRow[] => {
    const claimed: SourceRow[] = [];
    while (overLong.length && overLong[0]! <= upTo) claimed.push(tooLongError(overLong.shift()!));
    return claimed;
  };
  // A skip can be seen before records still buffered ahead of it: it claims only its own line.
  const flushSkipped = function* (): Generator<SourceRow> {
    for (const { lines, message } of skipped.splice(0)) {
      const own = overLong.indexOf(lines);
      if (own !== -1) overLong.splice(own, 1);
      yield own !== -1 ? tooLongError(lines) : { line: lines, error: `unreadable CSV row: ${message}` };
    }
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* flushSkipped();
    yield* claimOverLong(info.lines);
    if (Object.values(record).some((cell) => cell.includes(OVER_LONG_MARKER))) continue;
    yield { line: info.lines, value: csvRecordToItem(record) };
  }
  yield* flushSkipped();
  yield* claimOverLong(Number.POSITIVE_INFINITY);
}

/** `title@es`: a translated field, then the locale it is written in. Other `x@y` columns are ordinary (unknown) columns. */
const TRANSLATED_COLUMN = /^(title|summary|body)@(.+)$/;

function csvRecordToItem(record: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  const translations: Record<string, Record<string, string>> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell === '') continue;
    const translated = TRANSLATED_COLUMN.exec(column);
    // The locale is checked by the row schema, which names the column's locale in its error.
    if (translated !== null) (translations[translated[2]!] ??= {})[translated[1]!] = cell;
    else if (column.startsWith('attributes.')) attributes[column.slice('attributes.'.length)] = cell;
    else if (column === 'tags') item.tags = cell.split('|').map((t) => t.trim()).filter(Boolean);
    else item[column] = cell;
  }
  if (Object.keys(attributes).length) item.attributes = attributes;
  if (Object.keys(translations).length) item.translations = translations;
  return item;
}
