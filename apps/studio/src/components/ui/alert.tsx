import type { ReactNode } from 'react';
import { readableError } from '../../api/problem.js';
import { cn } from '../../lib/cn.js';

const tones = {
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-sky-300 bg-sky-50 text-sky-950',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
};

export function Alert({ tone = 'info', title, children }: { tone?: keyof typeof tones; title: string; children?: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cn('rounded-md border p-3 text-sm', tones[tone])}>
      <p className="font-semibold">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}

/** Any failure as a readable message; field issues are listed unless a form already shows them. */
export function ProblemAlert({ error, hideFields = false }: { error: unknown; hideFields?: boolean }) {
  const readable = readableError(error);
  return (
    <Alert tone="error" title={readable.title}>
      <p>{readable.detail}</p>
      {!hideFields && readable.fields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {readable.fields.map((f) => (
            <li key={`${f.path}:${f.message}`}>
              <span className="font-mono">{f.path}</span>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
