import { useState, type ReactNode } from 'react';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Badge } from '../../components/ui/misc.js';
import { cn } from '../../lib/cn.js';
import { GuardrailBadge, GuardrailComparison, GuardrailReport } from './guardrail-report.js';
import { ImageFrames } from './image-frames.js';
import { ProvenanceDrawer } from './provenance-drawer.js';
import { STATUS_LABELS, TEXT_FIELDS, type GuardrailReport as Report, type Variant } from './variant-model.js';
import { useVariantPatch } from './variant-patch.js';
import { VariantTextEditor } from './variant-text-editor.js';

const STATUS_CLASS: Record<Variant['status'], string> = {
  draft: 'bg-sky-50 text-sky-950',
  approved: 'bg-emerald-100 text-emerald-950',
  rejected: 'bg-slate-200 text-slate-900',
  failed: 'bg-red-100 text-red-900',
};

export function VariantStatusBadge({ status }: { status: Variant['status'] }) {
  return <Badge className={STATUS_CLASS[status]}>{STATUS_LABELS[status]}</Badge>;
}

/**
 * One variant as a reviewer sees it: its copy or its renditions, its guardrail report, how it was
 * made, and (for keys that may write) approve, reject and edit. A read-only key sees no write control.
 */
export function VariantCard({
  variant,
  subject,
  canWrite,
  onChanged,
  active = false,
  extra,
}: {
  variant: Variant;
  /** Names the variant for assistive technology and the provenance sheet, e.g. "text for Seniors". */
  subject: string;
  canWrite: boolean;
  onChanged?: (variant: Variant) => void;
  active?: boolean;
  extra?: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [lastEdit, setLastEdit] = useState<{ before: Report; after: Report } | null>(null);
  const decide = useVariantPatch();

  async function setStatus(status: 'approved' | 'rejected') {
    const updated = await decide.mutateAsync({ params: { path: { id: variant.id } }, body: { status } }).catch(() => null);
    if (updated) onChanged?.(updated);
  }

  return (
    <article
      aria-label={subject}
      data-variant-id={variant.id}
      data-active={active || undefined}
      className={cn('space-y-3 rounded-lg border border-slate-200 bg-white p-3', active && 'border-indigo-600 ring-2 ring-indigo-600')}
    >
      <div className="flex flex-wrap items-center gap-2">
        <VariantStatusBadge status={variant.status} />
        <GuardrailBadge status={variant.guardrails.status} />
        {variant.editedByHuman && <Badge>Edited by a person</Badge>}
        <span className="text-xs text-slate-700">{variant.provenance.engine}</span>
        <span className="ml-auto">
          <ProvenanceDrawer provenance={variant.provenance} subject={subject} />
        </span>
      </div>
      {extra}
      {variant.failureReason && (
        <Alert tone="error" title="Generation failed">
          {variant.failureReason}
        </Alert>
      )}
      {editing && variant.text ? (
        <VariantTextEditor
          variant={variant}
          onCancel={() => setEditing(false)}
          onSaved={(before, after) => {
            setEditing(false);
            setLastEdit({ before: before.guardrails, after: after.guardrails });
            onChanged?.(after);
          }}
        />
      ) : variant.kind === 'text' ? (
        variant.text ? (
          <dl className="space-y-1 text-sm">
            {TEXT_FIELDS.map(({ key, label }) => (
              <div key={key}>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-700">{label}</dt>
                <dd className={cn('whitespace-pre-wrap text-slate-900', key === 'title' && 'font-semibold', key === 'body' && 'line-clamp-6')}>
                  {variant.text![key] || '—'}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-700">No text.</p>
        )
      ) : (
        <ImageFrames renditions={variant.images} subject={subject} />
      )}
      {lastEdit && (
        <div className="rounded-md border border-indigo-200 p-2" data-testid="guardrails-before-after">
          <GuardrailComparison before={lastEdit.before} after={lastEdit.after} />
        </div>
      )}
      <GuardrailReport report={variant.guardrails} />
      {decide.isError && <ProblemAlert error={decide.error} />}
      {canWrite && !editing && (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => void setStatus('approved')} disabled={decide.isPending || variant.status === 'approved'}>
            Approve
          </Button>
          <Button size="sm" variant="secondary" onClick={() => void setStatus('rejected')} disabled={decide.isPending || variant.status === 'rejected'}>
            Reject
          </Button>
          {variant.kind === 'text' && variant.text && (
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
