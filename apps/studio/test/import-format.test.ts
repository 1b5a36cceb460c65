import { describe, expect, it } from 'vitest';
import { importContentType, reportErrorsCsv } from '../src/features/catalog/import-format.js';

describe('import files', () => {
  it('sends each file with the content type the import endpoint streams', () => {
    expect(importContentType({ name: 'items.CSV', type: '' })).toBe('text/csv');
    expect(importContentType({ name: 'export', type: 'text/csv' })).toBe('text/csv');
    for (const name of ['items.ndjson', 'items.jsonl', 'items.json']) expect(importContentType({ name, type: '' })).toBe('application/x-ndjson');
    expect(importContentType({ name: 'photo.png', type: 'image/png' })).toBeNull();
  });

  it('writes the failed rows as CSV with quoted, joined messages', () => {
    const csv = reportErrorsCsv({
      format: 'ndjson',
      rows: 3,
      created: 1,
      updated: 0,
      unchanged: 0,
      failed: 2,
      errors: [
        { line: 2, errors: ['title: Required', 'category: "x" is not allowed'] },
        { line: 3, errors: ['not JSON'] },
      ],
      errorsTruncated: false,
      durationMs: 4,
    });
    expect(csv).toBe('line,errors\n2,"title: Required; category: ""x"" is not allowed"\n3,"not JSON"\n');
  });
});
