import { useState, type FormEvent } from 'react';
import { readableError } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input, Textarea } from '../../components/ui/input.js';
import { TEXT_FIELDS, type TextField, type Variant } from './variant-model.js';
import { useVariantPatch } from './variant-patch.js';

type Draft = Record<TextField, string>;

/**
 * Inline edit of a text variant. Only changed fields are sent; the server strips markup, re-runs
 * the guardrails and answers with the new report, which `onSaved` receives beside the old one.
 */
export function VariantTextEditor({
  variant,
  onSaved,
  onCancel,
}: {
  variant: Variant;
  onSaved: (before: Variant, after: Variant) => void;
  onCancel: () => void;
}) {
  const text = variant.text!;
  const [draft, setDraft] = useState<Draft>({ title: text.title, summary: text.summary, body: text.body, cta: text.cta });
  const patch = useVariantPatch();
  const fieldErrors = new Map(
    patch.isError ? readableError(patch.error).fields.map((f) => [f.path.replace(/^body\.text\./, ''), f.message] as const) : [],
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    const changed = Object.fromEntries(TEXT_FIELDS.filter(({ key }) => draft[key] !== text[key]).map(({ key }) => [key, draft[key]]));
    if (Object.keys(changed).length === 0) return onCancel();
    const after = await patch.mutateAsync({ params: { path: { id: variant.id } }, body: { text: changed } }).catch(() => null);
    if (after) onSaved(variant, after);
  }

  return (
    <form onSubmit={(e) => void save(e)} className="space-y-3" aria-label="Edit the variant's text" noValidate>
      {TEXT_FIELDS.map(({ key, label }) => (
        <Field key={key} label={label} error={fieldErrors.get(key)}>
          {key === 'body' || key === 'summary' ? (
            <Textarea
              value={draft[key]}
              className={key === 'summary' ? 'min-h-16' : 'min-h-28'}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            />
          ) : (
            <Input value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
          )}
        </Field>
      ))}
      {patch.isError && <ProblemAlert error={patch.error} hideFields={fieldErrors.size > 0} />}
      <div className="flex gap-2">
        <Button type="submit" disabled={patch.isPending}>
          {patch.isPending ? 'Saving…' : 'Save edit'}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
