import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { uploadWithProgress } from '../../api/upload.js';
import { usePrincipal } from '../../auth/principal.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Card, PageHeader } from '../../components/ui/misc.js';
import { cn } from '../../lib/cn.js';
import { importContentType, reportErrorsCsv, type ImportReport } from './import-format.js';

export function ImportPage() {
  const { may } = usePrincipal();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function importFile(file: File) {
    setReport(null);
    setError(null);
    setFileName(file.name);
    const contentType = importContentType(file);
    if (!contentType) {
      setError(new Error(`“${file.name}” is neither NDJSON (.ndjson, .jsonl) nor CSV (.csv).`));
      return;
    }
    setProgress(0);
    try {
      const result = await uploadWithProgress('/v1/items/import', file, {
        contentType,
        onProgress: ({ loaded, total }) => setProgress(total ? loaded / total : 0),
      });
      setReport(result);
      await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items'] });
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  }

  if (!may('catalogWrite')) return <Alert tone="warning" title="Read-only key">Your role cannot import items.</Alert>;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/catalog" className="text-indigo-800 underline">
          ← Catalog
        </Link>
      </p>
      <PageHeader
        title="Import items"
        description="NDJSON (one item per line) or CSV with a header row. Rows are matched by externalId: new ones are created, changed ones updated. Valid rows are kept even when others fail."
      />
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
        className={cn(
          'flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed p-10 text-center',
          dragging ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-white',
        )}
      >
        <p className="font-medium text-slate-900">Drop an .ndjson or .csv file here</p>
        <p className="text-sm text-slate-700">or</p>
        <Button type="button" variant="secondary" onClick={() => input.current?.click()} disabled={progress !== null}>
          Choose a file
        </Button>
        <input
          ref={input}
          type="file"
          accept=".ndjson,.jsonl,.json,.csv,application/x-ndjson,text/csv"
          className="sr-only"
          tabIndex={-1}
          aria-label="File to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
      </div>
      {progress !== null && (
        <div className="mt-4">
          <p className="text-sm text-slate-800">Uploading {fileName}…</p>
          <progress className="mt-1 w-full" max={1} value={progress} aria-label="Upload progress" />
        </div>
      )}
      {error !== null && (
        <div className="mt-4">
          <ProblemAlert error={error} />
        </div>
      )}
      {report && <ImportReportView report={report} fileName={fileName ?? 'import'} />}
    </>
  );
}

function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  const downloads = useMemo(
    () => ({
      json: URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' })),
      csv: URL.createObjectURL(new Blob([reportErrorsCsv(report)], { type: 'text/csv' })),
    }),
    [report],
  );
  useEffect(() => () => Object.values(downloads).forEach((url) => URL.revokeObjectURL(url)), [downloads]);
  const counts = [
    ['Created', report.created],
    ['Updated', report.updated],
    ['Unchanged', report.unchanged],
    ['Failed', report.failed],
  ] as const;

  return (
    <Card className="mt-4">
      <h2 className="text-lg font-semibold">Import report</h2>
      <p className="text-sm text-slate-700">
        {fileName}: {report.rows} row{report.rows === 1 ? '' : 's'} ({report.format.toUpperCase()}) in {Math.round(report.durationMs)} ms.
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-counts">
        {counts.map(([label, value]) => (
          <div key={label} className={cn('rounded-md border p-3', label === 'Failed' && value > 0 ? 'border-red-300 bg-red-50' : 'border-slate-200')}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-700">{label}</dt>
            <dd className="text-2xl font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 && (
        <>
          <h3 className="mt-4 font-semibold">Rows that failed</h3>
          <table className="mt-2 w-full text-left text-sm" data-testid="import-errors">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="w-20 py-2 pr-3">Line</th>
                <th scope="col" className="py-2">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((row) => (
                <tr key={row.line} className="border-b border-slate-100 align-top">
                  <td className="py-2 pr-3 font-mono">{row.line}</td>
                  <td className="py-2">
                    <ul>
                      {row.errors.map((message) => (
                        <li key={message}>{message}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.errorsTruncated && (
            <p className="mt-2 text-sm text-amber-900">More rows failed than the report lists; fix these and import again to see the rest.</p>
          )}
        </>
      )}
      <div className="mt-4 flex gap-2">
        <Button asChild variant="secondary" size="sm">
          <a href={downloads.json} download={`${fileName}.report.json`}>
            Download report (JSON)
          </a>
        </Button>
        {report.errors.length > 0 && (
          <Button asChild variant="secondary" size="sm">
            <a href={downloads.csv} download={`${fileName}.failed-rows.csv`}>
              Download failed rows (CSV)
            </a>
          </Button>
        )}
      </div>
    </Card>
  );
}
