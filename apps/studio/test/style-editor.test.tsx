// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZSegmentInputSchema, type TSegmentInput } from '@persona/shared';
import { SegmentForm } from '../src/features/audience/segment-form.js';

configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

const stored: TSegmentInput = {
  name: 'Seniors 65+',
  description: 'Large type.',
  priority: 300,
  rule: { attr: 'age', gte: 65 },
  style: {
    persona: 'Retired readers.',
    readingGrade: 6,
    targetWords: 90,
    tone: 'calm',
    format: 'steps',
    locale: 'en-US',
    mustInclude: ['large print'],
    mustAvoid: ['slang', 'hack'],
    emoji: 'none',
    visual: { palette: ['#1d3557', '#f1faee'], treatment: 'none', contrast: 1.6, fontScale: 1.7, channelFormats: ['landscape', 'square'] },
  },
};

function renderForm(defaultValues?: Partial<TSegmentInput>) {
  const onSubmit = vi.fn(async (_values: TSegmentInput) => undefined);
  const drafts: unknown[] = [];
  render(
    <SegmentForm
      submitLabel="Save segment"
      onSubmit={onSubmit}
      {...(defaultValues ? { defaultValues } : {})}
      renderLive={(draft) => {
        drafts.push(draft);
        return null;
      }}
    />,
  );
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Save segment' }));
  const lastSubmitted = () => onSubmit.mock.calls.at(-1)![0];
  return { onSubmit, field, submit, lastSubmitted, drafts };
}

describe('style editor in the segment form', () => {
  it('shows the shared schema’s errors on the style fields and does not submit', async () => {
    const form = renderForm();
    fireEvent.input(form.field('Reading grade'), { target: { value: '30' } });
    fireEvent.input(form.field('Target words'), { target: { value: '' } });
    fireEvent.input(form.field('Contrast'), { target: { value: '5' } });
    fireEvent.input(form.field('Colour 2'), { target: { value: 'teal' } });
    fireEvent.click(within(screen.getByRole('group', { name: 'Channel formats' })).getByLabelText(/Square/));
    form.submit();
    await waitFor(() => expect(form.field('Reading grade').getAttribute('aria-invalid')).toBe('true'));
    const messageOf = (label: string) => document.getElementById(form.field(label).getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent;
    expect(messageOf('Reading grade')).toBe('At most 18.');
    expect(messageOf('Target words')).toBe('A number.');
    expect(messageOf('Contrast')).toBe('At most 2.');
    expect(messageOf('Name')).toBe('Required.');
    expect(messageOf('Persona')).toBe('Required.');
    expect(screen.getByText('a #rrggbb colour')).toBeTruthy();
    expect(screen.getByText('At least 1.')).toBeTruthy();
    // The empty rule condition is marked too.
    expect(form.field('Attribute of condition 1').getAttribute('aria-invalid')).toBe('true');
    expect(form.onSubmit).not.toHaveBeenCalled();
  });

  it('adds and removes must-include and must-avoid chips, palette colours and formats; submits what the API parses', async () => {
    const form = renderForm(stored);
    const include = form.field('Must include');
    fireEvent.change(include, { target: { value: 'step by step' } });
    fireEvent.keyDown(include, { key: 'Enter' });
    const avoid = form.field('Must avoid');
    fireEvent.change(avoid, { target: { value: 'FOMO' } });
    fireEvent.keyDown(avoid, { key: ',' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag hack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag large print' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add colour' }));
    fireEvent.input(form.field('Colour 3'), { target: { value: '#E9C46A' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove colour 1' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Channel formats' })).getByLabelText(/Story/));
    fireEvent.change(form.field('Tone'), { target: { value: 'warm' } });
    fireEvent.change(form.field('Emoji'), { target: { value: 'sparse' } });
    fireEvent.change(form.field('Treatment'), { target: { value: 'duotone' } });
    fireEvent.input(form.field('Font scale'), { target: { value: '2.2' } });
    form.submit();
    await waitFor(() => expect(form.onSubmit).toHaveBeenCalledTimes(1));
    const submitted = form.lastSubmitted();
    expect(submitted.style).toEqual({
      ...stored.style,
      tone: 'warm',
      emoji: 'sparse',
      mustInclude: ['step by step'],
      mustAvoid: ['slang', 'FOMO'],
      visual: { palette: ['#f1faee', '#E9C46A'], treatment: 'duotone', contrast: 1.6, fontScale: 2.2, channelFormats: ['square', 'story', 'landscape'] },
    });
    // The stored rule comes back as the same users (a leaf inside an "all" of one).
    expect(submitted.rule).toEqual({ all: [{ attr: 'age', gte: 65 }] });
    expect(ZSegmentInputSchema.safeParse(submitted).success).toBe(true);
  });

  it('hands the live panels the unsaved rule and style as they are edited', async () => {
    const form = renderForm(stored);
    fireEvent.change(form.field('Value of condition 1'), { target: { value: '70' } });
    fireEvent.change(form.field('Format'), { target: { value: 'bullets' } });
    await waitFor(() =>
      expect(form.drafts.at(-1)).toMatchObject({ name: 'Seniors 65+', rule: { all: [{ attr: 'age', gte: 70 }] }, style: { format: 'bullets' } }),
    );
    // An incomplete rule is not sent to be counted.
    fireEvent.change(form.field('Value of condition 1'), { target: { value: 'seventy' } });
    await waitFor(() => expect(form.drafts.at(-1)).toMatchObject({ rule: null }));
  });

  it('is read-only for a role that cannot write segments', () => {
    render(<SegmentForm submitLabel="Save segment" readOnly defaultValues={stored} onSubmit={async () => undefined} />);
    expect(screen.queryByRole('button', { name: 'Save segment' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Add condition/ })).toBeNull();
    // Every other control sits in a disabled fieldset: nothing can be typed, picked or pressed.
    for (const label of ['Persona', 'Tone', 'Must include', 'Colour 1', 'Attribute of condition 1']) {
      expect(screen.getByLabelText(label).closest('fieldset[disabled]'), label).not.toBeNull();
    }
    expect(screen.getByRole('button', { name: 'Add colour' }).closest('fieldset[disabled]')).not.toBeNull();
  });
});
