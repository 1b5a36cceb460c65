import { useState } from 'react';
import type { FieldErrors, UseFormReturn } from 'react-hook-form';
import { MAX_ITEM_TRANSLATIONS, ZLocaleTagSchema, type TItemInput } from '@persona/shared';
import type { z } from 'zod';
import type { ZItemInputSchema } from '@persona/shared';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input, Textarea } from '../../components/ui/input.js';

type ItemFormValues = z.input<typeof ZItemInputSchema>;
type TranslationErrors = Partial<Record<'title' | 'summary' | 'body', { message?: string }>>;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The form paths of a translation's fields, for server errors (`body.translations.es.title`) to land on. */
export function translationFieldPaths(locales: readonly string[]): `translations.${string}.${'title' | 'summary' | 'body'}`[] {
  return locales.flatMap((locale) => (['title', 'summary', 'body'] as const).map((field) => `translations.${locale}.${field}` as const));
}

/**
 * The item's fields in other languages: one group per locale (title, optional summary, body),
 * added by its locale tag and removed with its button. A Spanish segment's variants are written
 * from the Spanish group when there is one.
 */
export function ItemTranslationsSection({ form }: { form: UseFormReturn<ItemFormValues, unknown, TItemInput> }) {
  const translations = form.watch('translations') ?? {};
  const locales = Object.keys(translations);
  const [newLocale, setNewLocale] = useState('');
  const [localeError, setLocaleError] = useState<string | undefined>(undefined);
  const errors = (form.formState.errors.translations ?? {}) as FieldErrors & Record<string, TranslationErrors | undefined>;

  function add() {
    const parsed = ZLocaleTagSchema.safeParse(newLocale.trim());
    if (!parsed.success) return setLocaleError('Write a language tag such as "es" or "es-MX".');
    if (locales.includes(parsed.data)) return setLocaleError(`The item already has a translation for ${parsed.data}.`);
    if (locales.length >= MAX_ITEM_TRANSLATIONS) return setLocaleError(`An item holds at most ${MAX_ITEM_TRANSLATIONS} translations.`);
    form.setValue('translations', { ...translations, [parsed.data]: { title: '', body: '' } }, { shouldDirty: true });
    setNewLocale('');
    setLocaleError(undefined);
  }

  function remove(locale: string) {
    const { [locale]: _removed, ...rest } = translations;
    form.unregister(`translations.${locale}`);
    form.setValue('translations', rest, { shouldDirty: true });
  }

  return (
    <fieldset className="space-y-4 rounded-md border border-slate-300 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">Translations</legend>
      <p className="text-xs text-slate-600">The item written in other languages. A Spanish segment's variants are adapted from the Spanish translation; without one they are written in plain English.</p>
      {locales.length === 0 && <p className="text-sm text-slate-700">No translations yet.</p>}
      {locales.map((locale) => {
        const own = errors[locale];
        return (
          <section key={locale} aria-label={`Translation ${locale}`} className="space-y-3 border-t border-slate-200 pt-3 first-of-type:border-t-0 first-of-type:pt-0">
            <div className="flex items-center justify-between">
              <h3 className="text-sm font-semibold text-slate-900" lang={locale}>
                {locale}
              </h3>
              <Button type="button" variant="secondary" size="sm" onClick={() => remove(locale)}>
                Remove {locale} translation
              </Button>
            </div>
            <Field label={`Title (${locale})`} error={own?.title?.message}>
              <Input lang={locale} {...form.register(`translations.${locale}.title`)} />
            </Field>
            <Field label={`Summary (${locale})`} hint="Optional." error={own?.summary?.message}>
              <Input lang={locale} {...form.register(`translations.${locale}.summary`, { setValueAs: emptyToUndefined })} />
            </Field>
            <Field label={`Body (${locale})`} error={own?.body?.message}>
              <Textarea lang={locale} rows={6} {...form.register(`translations.${locale}.body`)} />
            </Field>
          </section>
        );
      })}
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Field label="New translation locale" hint='A language tag, e.g. "es" or "es-MX".' error={localeError}>
            <Input
              value={newLocale}
              onChange={(event) => setNewLocale(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
          </Field>
        </div>
        <Button type="button" variant="secondary" onClick={add} className="mb-[1.625rem]">
          Add translation
        </Button>
      </div>
    </fieldset>
  );
}
