import { cn } from '../../lib/cn.js';
import type { GuardrailReport as Report, GuardrailStatus } from './variant-model.js';

const STATUS_STYLE: Record<GuardrailStatus, { mark: string; label: string; className: string }> = {
  pass: { mark: '✓', label: 'Pass', className: 'bg-emerald-50 text-emerald-900 border-emerald-300' },
  warn: { mark: '!', label: 'Warn', className: 'bg-amber-50 text-amber-950 border-amber-300' },
  fail: { mark: '✕', label: 'Fail', className: 'bg-red-50 text-red-900 border-red-300' },
};

/** A guardrail status as a mark and a word, so it never depends on colour alone. */
export function GuardrailBadge({ status, className }: { status: GuardrailStatus; className?: string }) {
  const style = STATUS_STYLE[status];
  return (
    <span className={cn('inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold', style.className, className)}>
      <span aria-hidden="true">{style.mark}</span>
      {style.label}
    </span>
  );
}

/** Every check of a variant's guardrail report: its status and what it found. */
export function GuardrailReport({ report, title = 'Guardrails' }: { report: Report; title?: string }) {
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm" open={report.status === 'fail'}>
      <summary className="cursor-pointer font-medium text-slate-900">
        {title}: <GuardrailBadge status={report.status} /> <span className="text-xs font-normal text-slate-700">({report.checks.length} checks)</span>
      </summary>
      <ul className="mt-2 space-y-1" aria-label={`${title} checks`}>
        {report.checks.map((check) => (
          <li key={check.name} className="flex items-start gap-2">
            <GuardrailBadge status={check.status} className="shrink-0" />
            <span>
              <span className="font-mono text-xs text-slate-900">{check.name}</span>
              <span className="block text-xs text-slate-700">{check.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The checks before and after an edit, side by side: the server re-ran them on the edited text,
 * so a reviewer sees what the edit fixed and what it broke.
 */
export function GuardrailComparison({ before, after }: { before: Report; after: Report }) {
  const names = [...new Set([...before.checks.map((c) => c.name), ...after.checks.map((c) => c.name)])];
  const find = (report: Report, name: string) => report.checks.find((c) => c.name === name);
  return (
    <table className="w-full text-left text-sm" aria-label="Guardrail checks before and after the edit">
      <caption className="mb-1 text-left font-medium text-slate-900">
        Guardrails re-run after the edit: <GuardrailBadge status={before.status} /> → <GuardrailBadge status={after.status} />
      </caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-700">
          <th scope="col" className="py-1 pr-2">Check</th>
          <th scope="col" className="py-1 pr-2">Before</th>
          <th scope="col" className="py-1 pr-2">After</th>
          <th scope="col" className="py-1">What it found after the edit</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const was = find(before, name);
          const now = find(after, name);
          const changed = was?.status !== now?.status;
          return (
            <tr key={name} className={cn('border-b border-slate-100', changed && 'bg-indigo-50')} data-changed={changed || undefined}>
              <th scope="row" className="py-1 pr-2 font-mono text-xs font-normal">{name}</th>
              <td className="py-1 pr-2">{was ? <GuardrailBadge status={was.status} /> : '—'}</td>
              <td className="py-1 pr-2">{now ? <GuardrailBadge status={now.status} /> : '—'}</td>
              <td className="py-1 text-xs text-slate-700">{now?.detail ?? 'Not run after the edit.'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
