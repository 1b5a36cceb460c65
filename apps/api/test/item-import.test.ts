import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses other content types with 415', async () => {
    const res = await importFile('a,b', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
