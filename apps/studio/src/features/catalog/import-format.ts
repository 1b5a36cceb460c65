import type { components } from '../../api/schema.gen.js';

export type ImportReport = components['schemas']['ImportReport'];

/** The content type the import endpoint expects for a file, judged by its name (then its type). */
export function importContentType(file: { name: string; type: string }): 'text/csv' | 'application/x-ndjson' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (/\.(ndjson|jsonl|json)$/.test(name) || file.type === 'application/x-ndjson') return 'application/x-ndjson';
  return null;
}

/** The report's failed lines as CSV (line, messages), for the download next to the report. */
export function reportErrorsCsv(report: ImportReport): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  return ['line,errors', ...report.errors.map((row) => `${row.line},${quote(row.errors.join('; '))}`)].join('\n') + '\n';
}
