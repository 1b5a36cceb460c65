import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { ZItemInputSchema, type TItemInput } from '@persona/shared';
import type { z } from 'zod';
import type { FieldIssue } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input, Textarea } from '../../components/ui/input.js';
import { TagInput } from '../../components/ui/tag-input.js';
import { friendlyIssues } from '../../forms/friendly-issues.js';
import { applyServerErrors } from '../../forms/server-errors.js';
import { ItemTranslationsSection, translationFieldPaths } from './item-translations.section.js';

export type ItemFormValues = z.input<typeof ZItemInputSchema>;
const FORM_FIELDS = ['title', 'category', 'tags', 'body', 'externalId'] as const;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * Create and edit share this form, validated in the browser by the same zod schema the API
 * applies; what the server still refuses comes back as problem+json and lands on its field.
 */
export function ItemForm({
  defaultValues,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  defaultValues?: Partial<ItemFormValues>;
  submitLabel: string;
  onSubmit: (values: TItemInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldIssue[] } | null>(null);
  const form = useForm<ItemFormValues, unknown, TItemInput>({
    resolver: zodResolver(ZItemInputSchema, friendlyIssues),
    defaultValues: { title: '', category: '', body: '', tags: [], translations: {}, ...defaultValues },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await onSubmit(values);
    } catch (error) {
      const fields = [...FORM_FIELDS, ...translationFieldPaths(Object.keys(form.getValues('translations') ?? {}))];
      setFailure({ error, unplaced: applyServerErrors(error, form.setError, fields) });
    }
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {failure && <ProblemAlert error={failure.error} hideFields={failure.unplaced.length === 0} />}
      <Field label="Title" error={errors.title?.message}>
        <Input {...form.register('title')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Category" error={errors.category?.message}>
          <Input {...form.register('category')} />
        </Field>
        <Field label="External id" hint="Optional: your own id, used by imports to update this item." error={errors.externalId?.message}>
          <Input {...form.register('externalId', { setValueAs: emptyToUndefined })} />
        </Field>
      </div>
      <Field label="Tags" error={errors.tags?.message ?? errors.tags?.find?.((t) => t?.message)?.message}>
        {(control) => (
          <Controller
          control={form.control}
          name="tags"
          render={({ field }) => <TagInput value={field.value ?? []} onChange={field.onChange} onBlur={field.onBlur} {...control} />}
          />
        )}
      </Field>
      <Field label="Body" error={errors.body?.message}>
        <Textarea rows={8} {...form.register('body')} />
      </Field>
      <ItemTranslationsSection form={form} />
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
    </form>
  );
}
