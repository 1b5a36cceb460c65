// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TItemInput } from '@persona/shared';
import { readableError } from '../src/api/problem.js';
import { ItemForm } from '../src/features/catalog/item-form.js';

// A busy machine can take more than testing-library's default second to re-render.
configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

function renderForm(onSubmit: (values: TItemInput) => Promise<unknown>, defaultValues = {}) {
  render(<ItemForm submitLabel="Create item" onSubmit={onSubmit} defaultValues={defaultValues} />);
  return {
    field: (label: string) => screen.getByLabelText(label) as HTMLInputElement,
    submit: () => fireEvent.click(screen.getByRole('button', { name: 'Create item' })),
  };
}

describe('item form', () => {
  it('marks the required fields in plain words and does not submit', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const form = renderForm(onSubmit);
    form.submit();
    await waitFor(() => expect(form.field('Title').getAttribute('aria-invalid')).toBe('true'));
    expect(form.field('Category').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Required.')).toHaveLength(2);
    // The message is announced with the field it belongs to.
    const messageId = form.field('Title').getAttribute('aria-describedby')!;
    expect(document.getElementById(messageId)!.textContent).toBe('Required.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits what the shared item schema parses: tags as a list, defaults filled, blank external id left out', async () => {
    const onSubmit = vi.fn(async (_values: TItemInput) => undefined);
    const form = renderForm(onSubmit);
    fireEvent.input(form.field('Title'), { target: { value: '  Lemon tart  ' } });
    fireEvent.input(form.field('Category'), { target: { value: 'recipes' } });
    const tags = form.field('Tags');
    fireEvent.change(tags, { target: { value: 'baking' } });
    fireEvent.keyDown(tags, { key: 'Enter' });
    fireEvent.change(tags, { target: { value: 'citrus' } });
    fireEvent.keyDown(tags, { key: ',' });
    fireEvent.change(tags, { target: { value: 'baking' } });
    fireEvent.keyDown(tags, { key: 'Enter' });
    fireEvent.input(form.field('External id'), { target: { value: '   ' } });
    form.submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      title: 'Lemon tart',
      category: 'recipes',
      tags: ['baking', 'citrus'],
      body: '',
      attributes: {},
      translations: {},
    });
  });

  it('removes a tag with its button or with Backspace in the empty box', async () => {
    const onSubmit = vi.fn(async (_values: TItemInput) => undefined);
    const form = renderForm(onSubmit, { title: 'T', category: 'c', tags: ['a', 'b', 'c'] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag b' }));
    fireEvent.keyDown(form.field('Tags'), { key: 'Backspace' });
    form.submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].tags).toEqual(['a']);
  });

  it("puts the server's field errors (errors[].path) on their fields and lists the rest", async () => {
    const problem = {
      type: 'https://persona.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 422,
      detail: 'The request body is invalid.',
      code: 'VALIDATION_FAILED',
      errors: [
        { path: 'body.title', message: 'A title like this exists already.' },
        { path: 'body.tags.1', message: 'Tag is reserved.' },
        { path: 'body.attributes.colour', message: 'Unknown attribute.' },
      ],
    };
    const form = renderForm(async () => Promise.reject(problem), { title: 'Dup', category: 'c', tags: ['x', 'y'] });
    form.submit();
    await screen.findByText('A title like this exists already.');
    expect(form.field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Tag is reserved.')).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Validation failed');
    expect(alert.textContent).toContain('body.attributes.colour');
  });
});

describe('readable errors', () => {
  it('reads problem+json, a dropped connection and plain text', () => {
    expect(readableError({ type: 't', title: 'Not found', status: 404, detail: 'No item itm_1.', code: 'NOT_FOUND' })).toMatchObject({
      title: 'Not found',
      detail: 'No item itm_1.',
      status: 404,
      fields: [],
    });
    expect(readableError(new TypeError('Failed to fetch')).title).toBe('The API did not answer');
    expect(readableError('Bad gateway')).toMatchObject({ title: 'Something went wrong', detail: 'Bad gateway', status: null });
  });
});
