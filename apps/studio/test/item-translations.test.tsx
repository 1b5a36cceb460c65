// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TItemInput } from '@persona/shared';
import { ItemForm } from '../src/features/catalog/item-form.js';

// A busy machine can take more than testing-library's default second to re-render.
configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

function renderForm(onSubmit: (values: TItemInput) => Promise<unknown>, defaultValues = {}) {
  render(<ItemForm submitLabel="Save item" onSubmit={onSubmit} defaultValues={{ title: 'Lemon tart', category: 'recipes', ...defaultValues }} />);
  return {
    field: (label: string) => screen.getByLabelText(label) as HTMLInputElement,
    button: (name: string) => screen.getByRole('button', { name }),
    submit: () => fireEvent.click(screen.getByRole('button', { name: 'Save item' })),
  };
}

describe('item form: translations', () => {
  it('adds a locale with its title, summary and body, and submits them under the locale tag', async () => {
    const onSubmit = vi.fn(async (_values: TItemInput) => undefined);
    const form = renderForm(onSubmit);
    expect(screen.getByText('No translations yet.')).toBeTruthy();
    fireEvent.change(form.field('New translation locale'), { target: { value: 'es' } });
    fireEvent.click(form.button('Add translation'));
    const group = await screen.findByRole('region', { name: 'Translation es' });
    fireEvent.input(within(group).getByLabelText('Title (es)'), { target: { value: 'Tarta de limón' } });
    fireEvent.input(within(group).getByLabelText('Body (es)'), { target: { value: 'Una tarta fresca y ácida.' } });
    // A blank summary is left out, not stored as "".
    fireEvent.input(within(group).getByLabelText('Summary (es)'), { target: { value: '   ' } });
    form.submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].translations).toEqual({ es: { title: 'Tarta de limón', body: 'Una tarta fresca y ácida.' } });
  });

  it('refuses a malformed or repeated locale tag in words, and a translation without a title', async () => {
    const onSubmit = vi.fn(async (_values: TItemInput) => undefined);
    const form = renderForm(onSubmit, { translations: { es: { title: 'Tarta', body: '' } } });
    fireEvent.change(form.field('New translation locale'), { target: { value: 'spanish!' } });
    fireEvent.keyDown(form.field('New translation locale'), { key: 'Enter' });
    await screen.findByText('Write a language tag such as "es" or "es-MX".');
    expect(form.field('New translation locale').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(form.field('New translation locale'), { target: { value: 'es' } });
    fireEvent.click(form.button('Add translation'));
    await screen.findByText('The item already has a translation for es.');

    fireEvent.input(form.field('Title (es)'), { target: { value: '' } });
    form.submit();
    await waitFor(() => expect(form.field('Title (es)').getAttribute('aria-invalid')).toBe('true'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('removes a translation with its button, and shows a server error on the translated field', async () => {
    const problem = {
      type: 'https://persona.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The request body is invalid.',
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.translations.es-MX.body', message: 'Too long.' }],
    };
    const onSubmit = vi.fn(async (_values: TItemInput) => Promise.reject(problem));
    const form = renderForm(onSubmit, { translations: { es: { title: 'Tarta', body: '' }, 'es-MX': { title: 'Pay de limón', body: 'x' } } });
    form.submit();
    await screen.findByText('Too long.');
    expect(form.field('Body (es-MX)').getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(form.button('Remove es translation'));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Translation es' })).toBeNull());
    form.submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(Object.keys(onSubmit.mock.calls[1]![0].translations)).toEqual(['es-MX']);
  });
});
