import { zodResolver } from '@hookform/resolvers/zod';
import type { TSegmentInput, TSegmentRule } from '@persona/shared';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { FieldIssue } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input, Textarea } from '../../components/ui/input.js';
import { Card } from '../../components/ui/misc.js';
import { applyServerErrors } from '../../forms/server-errors.js';
import { RuleBuilder } from './rule-builder.js';
import { fromDsl, hasProblems, newCondition, newGroup, ruleTreeProblems, toDsl, type RuleGroup } from './rule-tree.js';
import {
  DEFAULT_STYLE,
  SEGMENT_FORM_FIELDS,
  segmentFormIssues,
  ZSegmentFormSchema,
  type SegmentFormOutput,
  type SegmentFormValues,
} from './segment-form-schema.js';
import { StyleEditor } from './style-editor.js';

/** What the live panels see while the form is edited: the rule when it is valid, the style as typed. */
export interface SegmentDraft {
  name: string;
  rule: TSegmentRule | null;
  style: SegmentFormValues['style'];
}

/**
 * Create and edit a segment: name, priority, the rule (visual builder) and the style (style
 * editor). `renderLive` draws the live count and example beside the form from the unsaved draft.
 */
export function SegmentForm({
  defaultValues,
  submitLabel,
  onSubmit,
  onCancel,
  readOnly = false,
  attributeSuggestions,
  renderLive,
}: {
  defaultValues?: Partial<TSegmentInput>;
  submitLabel: string;
  onSubmit: (values: TSegmentInput) => Promise<unknown>;
  onCancel?: () => void;
  readOnly?: boolean;
  attributeSuggestions?: readonly string[];
  renderLive?: (draft: SegmentDraft) => ReactNode;
}) {
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldIssue[] } | null>(null);
  const [tree, setTree] = useState<RuleGroup>(() =>
    defaultValues?.rule ? fromDsl(defaultValues.rule) : newGroup([newCondition()]),
  );
  const [showRuleProblems, setShowRuleProblems] = useState(false);
  const form = useForm<SegmentFormValues, unknown, SegmentFormOutput>({
    resolver: zodResolver(ZSegmentFormSchema, segmentFormIssues),
    defaultValues: {
      name: defaultValues?.name ?? '',
      description: defaultValues?.description ?? '',
      priority: defaultValues?.priority ?? 100,
      style: defaultValues?.style ?? DEFAULT_STYLE,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const problems = useMemo(() => ruleTreeProblems(tree), [tree]);
  const rule = useMemo(() => (hasProblems(problems) ? null : toDsl(tree)), [tree, problems]);
  const [name, style] = useWatch({ control: form.control, name: ['name', 'style'] });

  const submit = (event: FormEvent) => {
    setShowRuleProblems(true);
    return form.handleSubmit(async (values) => {
      if (!rule) return;
      setFailure(null);
      try {
        await onSubmit({ ...values, rule });
      } catch (error) {
        setFailure({ error, unplaced: applyServerErrors(error, form.setError, SEGMENT_FORM_FIELDS) });
      }
    })(event);
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Segment">
        {failure && <ProblemAlert error={failure.error} hideFields={failure.unplaced.length === 0} />}
        <fieldset disabled={readOnly} className="space-y-4">
          <Card>
            <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
              <Field label="Name" error={errors.name?.message}>
                <Input {...form.register('name')} />
              </Field>
              <Field label="Priority" hint="0 to 1,000; the highest matching segment wins." error={errors.priority?.message}>
                <Input type="number" min={0} max={1000} step={1} {...form.register('priority', { valueAsNumber: true })} />
              </Field>
            </div>
            <div className="mt-4">
              <Field label="Description" error={errors.description?.message}>
                <Textarea rows={2} className="min-h-16" {...form.register('description')} />
              </Field>
            </div>
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Rule</h2>
            <RuleBuilder
              value={tree}
              onChange={setTree}
              problems={problems}
              showProblems={showRuleProblems}
              readOnly={readOnly}
              {...(attributeSuggestions ? { attributeSuggestions } : {})}
            />
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold text-slate-900">Style</h2>
            <StyleEditor form={form} />
          </Card>
        </fieldset>
        {!readOnly && (
          <div className="flex gap-2">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Saving…' : submitLabel}
            </Button>
            {onCancel && (
              <Button type="button" variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </div>
        )}
      </form>
      {renderLive && <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label="Live preview">{renderLive({ name, rule, style })}</aside>}
    </div>
  );
}
