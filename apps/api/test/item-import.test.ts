import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_LINE_BYTES, ndjsonRows } from '../src/catalog/import-row-source.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const BAD_LINES = [1234, 5000, 9999];

function ndjson(rows: number): string {
  const lines: string[] = [];
  for (let line = 1; line <= rows; line += 1) {
    if (line === BAD_LINES[0]) lines.push('{"externalId": "broken", "title": ');
    else if (line === BAD_LINES[1]) lines.push(JSON.stringify({ externalId: `x-${line}`, title: 'No category' }));
    else if (line === BAD_LINES[2]) lines.push(JSON.stringify({ externalId: `x-${line}`, title: 'Bad tags', category: 'c', tags: 'nope' }));
    else {
      lines.push(
        JSON.stringify({
          externalId: `x-${line}`,
          title: `Item ${line}`,
          body: `Body of item ${line} with ${line % 97} grams of flour.`,
          category: `cat-${line % 7}`,
          tags: [`t${line % 11}`, `t${line % 13}`],
        }),
      );
    }
  }
  return lines.join('\n');
}

describe.each(await availableDatabases())('bulk import (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  const importFile = (payload: string, contentType: string) =>
    app.request({ method: 'POST', url: '/v1/items/import', payload, headers: { 'content-type': contentType } });

  it('stores the 9,997 good rows of a 10,000-row NDJSON file, reports the 3 bad lines, and is idempotent', async () => {
    const file = ndjson(10_000);
    const first = await importFile(file, 'application/x-ndjson');
    expect(first.statusCode).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({ rows: 10_000, created: 9_997, updated: 0, unchanged: 0, failed: 3 });
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual(BAD_LINES);
    expect(report.errors[1].errors.join()).toContain('category');

    const again = (await importFile(file, 'application/x-ndjson')).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 9_997, failed: 3 });
    const page = (await app.request({ method: 'GET', url: '/v1/items?limit=1' })).json();
    expect(page.items).toHaveLength(1);
  }, 180_000); // 4-8 s on an idle machine, 31 s once on a heavily loaded one

  it('updates only changed rows on re-import, and a repeated externalId in one file keeps the last', async () => {
    const rows = [
      { externalId: 'x-2', title: 'Item 2 (revised)', category: 'cat-2' },
      { externalId: 'x-3', title: 'Item 3', body: 'Body of item 3 with 3 grams of flour.', category: 'cat-3', tags: ['t3', 't3'] },
      { externalId: 'new-1', title: 'First', category: 'c' },
      { externalId: 'new-1', title: 'Second', category: 'c' },
    ];
    const report = (await importFile(rows.map((r) => JSON.stringify(r)).join('\n'), 'application/x-ndjson')).json();
    expect(report).toMatchObject({ rows: 4, created: 1, updated: 2, unchanged: 1, failed: 0 });
    const found = (await app.request({ method: 'GET', url: '/v1/items?q=Second' })).json().items;
    expect(found.map((i: { externalId: string; title: string }) => [i.externalId, i.title])).toEqual([['new-1', 'Second']]);
  });

  it('imports CSV with pipe-separated tags and attribute columns, reporting unreadable rows by line', async () => {
    const csv = [
      'externalId,title,body,category,tags,attributes.difficulty',
      'csv-1,Tomato soup,"Simmer 800 g of tomatoes, 20 minutes.",recipes,soup|vegan,easy',
      'csv-2,,No title here,recipes,,hard',
      'csv-3,Broken,"unterminated quote,recipes,,',
    ].join('\n');
    const report = (await importFile(csv, 'text/csv')).json();
    expect(report.created).toBe(1);
    expect(report.failed).toBe(2);
    expect(report.errors[0].line).toBe(3);
    const [item] = (await app.request({ method: 'GET', url: '/v1/items?q=tomato' })).json().items;
    expect(item).toMatchObject({ externalId: 'csv-1', tags: ['soup', 'vegan'], attributes: { difficulty: 'easy' } });
  });

  const OVER_LONG = 'x'.repeat(MAX_IMPORT_LINE_BYTES + 500_000);
  const errorsByLine = (report: { errors: { line: number; errors: string[] }[] }) =>
    Object.fromEntries(report.errors.map((e) => [e.line, e.errors.join('; ')]));

  it('reports NUL, lone-surrogate and over-long NDJSON lines by line and keeps every good row of their batches', async () => {
    const lines: string[] = [];
    for (let line = 1; line <= 600; line += 1) {
      const row = { externalId: `txt-${line}`, title: `Row ${line}`, category: 'c' } as Record<string, unknown>;
      if (line === 100) row.title = 'NUL \u0000 inside';
      if (line === 200) row.attributes = { ['key\ud800']: 1 };
      if (line === 300) row.body = 'lone \udc00 surrogate';
      lines.push(line === 400 ? JSON.stringify({ ...row, body: OVER_LONG }) : JSON.stringify(row));
    }
    const res = await importFile(lines.join('\n'), 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ rows: 600, created: 596, failed: 4 });
    const errors = errorsByLine(report);
    expect(Object.keys(errors).map(Number)).toEqual([100, 200, 300, 400]);
    expect(errors[100]).toMatch(/^title: contains a NUL/);
    expect(errors[200]).toMatch(/^attributes\.key.*lone UTF-16 surrogate/);
    expect(errors[300]).toMatch(/^body: contains a lone UTF-16 surrogate/);
    expect(errors[400]).toMatch(/longer than/);
    const kept = (await app.request({ method: 'GET', url: '/v1/items?q=Row&limit=500' })).json();
    expect(kept.items.length).toBe(500);
  });

  it('reports NUL and over-long CSV lines (one inside a quoted multi-line field) and keeps the rest', async () => {
    const csv = [
      'externalId,title,body,category',
      'csvt-1,First,fine,c',
      'csvt-2,Has \u0000 NUL,fine,c',
      `csvt-3,${OVER_LONG},fine,c`,
      'csvt-4,Quoted,"starts here',
      OVER_LONG,
      'ends here",c',
      'csvt-5,Last,fine,c',
    ].join('\n');
    const res = await importFile(csv, 'text/csv');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 2, failed: 3 });
    const errors = errorsByLine(report);
    expect(Object.keys(errors).map(Number)).toEqual([3, 4, 6]);
    expect(errors[3]).toMatch(/^title: contains a NUL/);
    expect(errors[4]).toMatch(/longer than/);
    expect(errors[6]).toMatch(/longer than/);
    const titles = (await app.request({ method: 'GET', url: '/v1/items?q=First' })).json().items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(['First']);
    expect((await app.request({ method: 'GET', url: '/v1/items?q=Last' })).json().items).toHaveLength(1);
  });

  it('refuses other content types with 415', async () => {
    const res = await importFile('a,b', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('import line cap', () => {
  it('skips a 256 MB line while it streams, without holding it, and reads the lines after it', { timeout: 120_000 }, async () => {
    const chunk = 1024 * 1024;
    let peak = 0;
    async function* source() {
      yield Buffer.from('{"first":1}\n');
      for (let i = 0; i < 256; i += 1) {
        // Fresh chunks: a reader that kept them would hold all 256 MB.
        yield Buffer.alloc(chunk, 0x78);
        peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      }
      yield Buffer.from('\n{"after":2}\n');
    }
    const baseline = process.memoryUsage().arrayBuffers;
    const rows = [];
    for await (const row of ndjsonRows(Readable.from(source()))) rows.push(row);
    expect(rows).toEqual([
      { line: 1, value: { first: 1 } },
      { line: 2, error: `line is longer than ${MAX_IMPORT_LINE_BYTES} bytes` },
      { line: 3, value: { after: 2 } },
    ]);
    // Garbage chunks wait for the collector, but a reader holding the line would reach 256 MB.
    expect(peak - baseline).toBeLessThan(128 * chunk);
  });
});
