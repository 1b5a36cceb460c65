import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { TGenerationJobRequest } from '@persona/shared';
import { $api } from '../../api/client.js';
import { readableError } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input } from '../../components/ui/input.js';
import { EmptyState, Loading } from '../../components/ui/misc.js';
import { friendlyIssues } from '../../forms/friendly-issues.js';
import { cn } from '../../lib/cn.js';
import { ChoiceGroup } from './choice-group.js';
import { EstimateSummary } from './estimate-summary.js';
import { describeSelection, type GenerationJob } from './job-format.js';
import { ItemPicker } from './item-picker.js';
import {
  JOB_WIZARD_DEFAULTS,
  stepOf,
  WIZARD_STEPS,
  wizardFieldOf,
  ZJobWizardSchema,
  type JobWizardValues,
  type WizardField,
} from './job-wizard.schema.js';

const KIND_CHOICES = [
  { value: 'text', label: 'Text', hint: 'Title, summary, body and call to action in each segment’s voice.' },
  { value: 'image', label: 'Image', hint: 'The item’s image with the text variant’s headline, per channel format.' },
] as const;

const ENGINE_CHOICES = [
  { value: 'template', label: 'Template (offline)', hint: 'No LLM: fast and free, from the segment’s style rules.' },
  { value: 'openai', label: 'LLM', hint: 'The configured OpenAI-compatible endpoint; falls back to the template when it fails.' },
  { value: 'openai-batch', label: 'LLM batch', hint: 'Every text in one Batch API run: half the price, up to a day.' },
] as const;

const FORMAT_CHOICES = [
  { value: 'square', label: 'Square 1:1' },
  { value: 'portrait', label: 'Portrait 4:5' },
  { value: 'story', label: 'Story 9:16' },
  { value: 'landscape', label: 'Landscape 1.91:1' },
] as const;

/**
 * Batch generation in four steps: which items, for which segments, what to make, and the API's
 * estimate of it (variants, tokens, cost) before anything is submitted. Each step is checked by
 * the same zod schema before the next; what the API still refuses lands on the field it names,
 * with a button back to that field's step.
 */
export function JobWizard({ onSubmitted }: { onSubmitted: (job: GenerationJob) => unknown }) {
  const [step, setStep] = useState(0);
  const [submitError, setSubmitError] = useState<unknown>(null);
  // One key per wizard: a double click or a retried request makes one job, not two.
  const [idempotencyKey] = useState(() => `studio-${crypto.randomUUID()}`);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<JobWizardValues, unknown, TGenerationJobRequest>({
    resolver: zodResolver(ZJobWizardSchema, friendlyIssues),
    defaultValues: JOB_WIZARD_DEFAULTS,
  });
  const { errors, isSubmitting } = form.formState;
  const values = useWatch({ control: form.control }) as JobWizardValues;
  const segments = $api.useQuery('get', '/v1/segments');
  const submit = $api.useMutation('post', '/v1/generation-jobs');

  // The estimate is asked for on the last step only, for exactly the request the form would send.
  const parsed = ZJobWizardSchema.safeParse(values);
  const request = step === WIZARD_STEPS.length - 1 && parsed.success ? parsed.data : null;
  const estimate = useQuery({
    ...$api.queryOptions('post', '/v1/generation-jobs/estimate', { body: request! }),
    enabled: request !== null,
    retry: false,
    staleTime: 0,
  });

  // The step to go back to when the API refused a field of an earlier one.
  const [fixStep, setFixStep] = useState<number | null>(null);
  useEffect(() => {
    if (estimate.isError) setFixStep(placeServerIssues(estimate.error));
    // Once per failed answer: the effect reads the form, which is stable.
  }, [estimate.error]);

  // A new step's heading takes the focus, so a screen reader hears where it is (not on first render).
  const firstRender = useRef(true);
  useEffect(() => {
    if (!firstRender.current) headingRef.current?.focus();
    firstRender.current = false;
  }, [step]);

  /** Puts the API's field issues on their fields; returns the earliest step that shows one. */
  function placeServerIssues(error: unknown): number | null {
    let earliest: number | null = null;
    for (const issue of readableError(error).fields) {
      const field = wizardFieldOf(issue.path);
      if (!field) continue;
      form.setError(field, { type: 'server', message: issue.message });
      const at = stepOf(field);
      earliest = earliest === null ? at : Math.min(earliest, at);
    }
    return earliest;
  }

  /** A field whose error is showing is checked again as soon as it changes, so the error goes with the fix. */
  function revalidate(name: WizardField) {
    if (form.getFieldState(name).error) void form.trigger(name);
  }

  function changed<T>(name: WizardField, onChange: (value: T) => void) {
    return (value: T) => {
      onChange(value);
      revalidate(name);
    };
  }

  async function next() {
    const fields = WIZARD_STEPS[step]!.fields as readonly WizardField[];
    if (await form.trigger([...fields])) setStep(step + 1);
  }

  const onSubmit = form.handleSubmit(async (body) => {
    setSubmitError(null);
    try {
      const job = await submit.mutateAsync({ body, headers: { 'idempotency-key': idempotencyKey } });
      await onSubmitted(job);
    } catch (error) {
      setSubmitError(error);
      setFixStep(placeServerIssues(error));
    }
  });

  const current = WIZARD_STEPS[step]!;
  const errorOf = (field: WizardField) => {
    const error = errors[field] as { message?: string; root?: { message?: string } } | undefined;
    return error?.message ?? error?.root?.message;
  };
  const filterError =
    errorOf('filter') ?? errors.filter?.category?.message ?? errors.filter?.tag?.message ?? errors.filter?.q?.message;
  // An issue with the filter as a whole (it matches nothing) marks all three of its fields.
  const filterInvalid = errorOf('filter') ? true : undefined;

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-6">
      <nav aria-label="Wizard steps">
        <ol className="flex flex-wrap gap-2 text-sm">
          {WIZARD_STEPS.map((s, i) => (
            <li
              key={s.id}
              aria-current={i === step ? 'step' : undefined}
              className={cn(
                'rounded-full border px-3 py-1',
                i === step ? 'border-indigo-700 bg-indigo-700 text-white' : i < step ? 'border-indigo-300 bg-indigo-50 text-indigo-900' : 'border-slate-300 text-slate-700',
              )}
            >
              {i + 1}. {s.title}
            </li>
          ))}
        </ol>
      </nav>

      <section aria-labelledby="wizard-step-heading" className="space-y-4">
        <h2 id="wizard-step-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 outline-none">
          {current.id === 'items' && 'Which items?'}
          {current.id === 'segments' && 'For which segments?'}
          {current.id === 'output' && 'What to make'}
          {current.id === 'review' && 'Estimate and start'}
        </h2>

        {current.id === 'items' && (
          <>
            <Controller
              control={form.control}
              name="selection"
              render={({ field }) => (
                <ChoiceGroup
                  legend="Choose items"
                  value={field.value}
                  onChange={changed('selection', field.onChange)}
                  columns={2}
                  choices={[
                    { value: 'filter', label: 'By filter', hint: 'Every item matching at the time the job starts.' },
                    { value: 'ids', label: 'Pick items', hint: 'Search the catalog and tick the items.' },
                  ]}
                />
              )}
            />
            {values.selection === 'filter' ? (
              <fieldset className="space-y-3" aria-describedby={filterError ? 'filter-error' : 'filter-hint'}>
                <legend className="text-sm font-medium text-slate-900">Filter</legend>
                <p id="filter-hint" className="text-xs text-slate-600">
                  Items must match every field filled in; leave all three blank for the whole catalog.
                </p>
                <div className="grid gap-4 sm:grid-cols-3">
                  <Field label="Category" error={errors.filter?.category?.message}>
                    {(control) => <Input {...form.register('filter.category', { onChange: () => form.clearErrors('filter') })} {...control} aria-invalid={control['aria-invalid'] ?? filterInvalid} />}
                  </Field>
                  <Field label="Tag" error={errors.filter?.tag?.message}>
                    {(control) => <Input {...form.register('filter.tag', { onChange: () => form.clearErrors('filter') })} {...control} aria-invalid={control['aria-invalid'] ?? filterInvalid} />}
                  </Field>
                  <Field label="Search words" error={errors.filter?.q?.message}>
                    {(control) => <Input {...form.register('filter.q', { onChange: () => form.clearErrors('filter') })} {...control} aria-invalid={control['aria-invalid'] ?? filterInvalid} />}
                  </Field>
                </div>
                {errorOf('filter') && (
                  <p id="filter-error" className="text-sm text-red-700">
                    {errorOf('filter')}
                  </p>
                )}
              </fieldset>
            ) : (
              <div className="space-y-1">
                <Controller
                  control={form.control}
                  name="itemIds"
                  render={({ field }) => (
                    <ItemPicker value={field.value} onChange={changed('itemIds', field.onChange)} error={errorOf('itemIds')} describedBy={errorOf('itemIds') ? 'item-ids-error' : undefined} />
                  )}
                />
                {errorOf('itemIds') && (
                  <p id="item-ids-error" className="text-sm text-red-700">
                    {errorOf('itemIds')}
                  </p>
                )}
              </div>
            )}
            {errorOf('selection') && <p className="text-sm text-red-700">{errorOf('selection')}</p>}
          </>
        )}

        {current.id === 'segments' &&
          (segments.isPending ? (
            <Loading label="Loading segments…" />
          ) : segments.isError ? (
            <ProblemAlert error={segments.error} />
          ) : segments.data.items.length === 0 ? (
            <EmptyState title="No segments yet">
              A job writes variants per segment. <a className="text-indigo-800 underline" href="/studio/audience/segments/new">Create a segment</a> first.
            </EmptyState>
          ) : (
            <Controller
              control={form.control}
              name="segmentIds"
              render={({ field }) => (
                <ChoiceGroup
                  multiple
                  legend="Segments"
                  hint="One variant of each kind per item and segment."
                  error={errorOf('segmentIds')}
                  value={field.value}
                  onChange={changed('segmentIds', field.onChange)}
                  columns={2}
                  choices={segments.data.items.map((s) => ({ value: s.id, label: s.name, hint: s.description || undefined }))}
                />
              )}
            />
          ))}

        {current.id === 'output' && (
          <>
            <Controller
              control={form.control}
              name="kinds"
              render={({ field }) => (
                <ChoiceGroup multiple legend="Kinds" error={errorOf('kinds')} value={field.value} onChange={changed('kinds', field.onChange)} columns={2} choices={KIND_CHOICES} />
              )}
            />
            <Controller
              control={form.control}
              name="engine"
              render={({ field }) => (
                <ChoiceGroup legend="Text engine" error={errorOf('engine')} value={field.value} onChange={changed('engine', field.onChange)} choices={ENGINE_CHOICES} />
              )}
            />
            {values.kinds.includes('image') && (
              <Controller
                control={form.control}
                name="formats"
                render={({ field }) => (
                  <ChoiceGroup
                    multiple
                    legend="Image formats"
                    hint="None ticked: each segment’s own channel formats."
                    error={errorOf('formats')}
                    value={field.value}
                    onChange={changed('formats', field.onChange)}
                    columns={2}
                    choices={FORMAT_CHOICES}
                  />
                )}
              />
            )}
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" {...form.register('autoApprove')} className="mt-0.5 accent-indigo-700" />
              <span>
                <span className="font-medium text-slate-900">Auto-approve</span>
                <span className="block text-xs text-slate-700">Variants that pass every guardrail check are approved at once instead of waiting for review.</span>
              </span>
            </label>
          </>
        )}

        {current.id === 'review' && (
          <>
            <dl className="grid gap-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-700">Items</dt>
                <dd className="text-slate-900">{parsed.success ? describeSelection(parsed.data.items) : '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-700">Kinds and engine</dt>
                <dd className="text-slate-900">
                  {values.kinds.join(' + ')} · {ENGINE_CHOICES.find((e) => e.value === values.engine)?.label}
                  {values.autoApprove ? ' · auto-approve' : ''}
                </dd>
              </div>
            </dl>
            {estimate.isPending ? (
              <Loading label="Asking the API for an estimate…" />
            ) : estimate.isError ? (
              <ProblemAlert error={estimate.error} />
            ) : (
              <EstimateSummary estimate={estimate.data.estimate} items={estimate.data.items} segments={estimate.data.segments} />
            )}
            {submitError !== null && <ProblemAlert error={submitError} />}
            {(estimate.isError || submitError !== null) && fixStep !== null && (
              <Button type="button" variant="secondary" onClick={() => setStep(fixStep)}>
                Change {WIZARD_STEPS[fixStep]!.title.toLowerCase()}
              </Button>
            )}
          </>
        )}
      </section>

      <div className="flex gap-2">
        {step > 0 && (
          <Button type="button" variant="secondary" onClick={() => setStep(step - 1)}>
            Back
          </Button>
        )}
        {current.id !== 'review' ? (
          <Button type="button" onClick={() => void next()}>
            Next
          </Button>
        ) : (
          <Button type="submit" disabled={!estimate.isSuccess || isSubmitting}>
            {isSubmitting ? 'Starting…' : 'Start job'}
          </Button>
        )}
      </div>
    </form>
  );
}
