// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Wizard from '../src/features/jobs/job-wizard.js';
import type { GenerationJob } from '../src/features/jobs/job-format.js';
import { toJobRequest, wizardFieldOf, JOB_WIZARD_DEFAULTS } from '../src/features/jobs/job-wizard.schema.js';
import { startPlatform, type PlatformProcess } from './support/platform-process.js';

// A busy machine can take more than testing-library's default second to answer.
configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

// The wizard against a real API process: the estimate on its last step is the API's own.
describe('job wizard', () => {
  let platform: PlatformProcess;
  let wizard: typeof Wizard;
  const segmentNames = ['Wizard segment A', 'Wizard segment B'];

  async function api(path: string, body: unknown, contentType = 'application/json') {
    const response = await fetch(`${platform.origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.adminKey}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.ok, `${path}: ${response.status}`).toBe(true);
    return response.json() as Promise<Record<string, unknown>>;
  }

  beforeAll(async () => {
    platform = await startPlatform({ seedDemoData: false });
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${platform.origin}/studio/jobs/new`);
    const rows = Array.from({ length: 6 }, (_, i) => ({
      externalId: `wizard-${i}`,
      title: `Wizard item ${i}`,
      category: 'wizard',
      tags: i < 3 ? ['hot'] : ['cold'],
      body: 'Plain text.',
    }));
    expect((await api('/v1/items/import', rows.map((r) => JSON.stringify(r)).join('\n'), 'application/x-ndjson')).created).toBe(6);
    for (const name of segmentNames) {
      await api('/v1/segments', {
        name,
        rule: { attr: 'country', eq: 'US' },
        style: { persona: 'Busy cooks', readingGrade: 7, targetWords: 80, tone: 'warm', format: 'narrative', visual: { palette: ['#224466'] } },
      });
    }
    const { sessionKey } = await import('../src/auth/session-key.js');
    sessionKey.save(platform.adminKey);
    wizard = await import('../src/features/jobs/job-wizard.js');
  });
  afterAll(() => platform?.stop());

  function renderWizard() {
    const onSubmitted = vi.fn(async (_job: GenerationJob) => undefined);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <wizard.JobWizard onSubmitted={onSubmitted} />
      </QueryClientProvider>,
    );
    return {
      onSubmitted,
      next: () => fireEvent.click(screen.getByRole('button', { name: 'Next' })),
      heading: (name: string) => screen.findByRole('heading', { name }),
      radio: (name: string) => fireEvent.click(screen.getByRole('radio', { name: new RegExp(`^${name}`) })),
      box: (name: string) => fireEvent.click(screen.getByRole('checkbox', { name: new RegExp(`^${name}`) })),
      field: (label: string) => screen.getByLabelText(label) as HTMLInputElement,
    };
  }

  it('checks each step before the next, then shows the API estimate and starts the job', async () => {
    const w = renderWizard();
    await w.heading('Which items?');
    w.radio('Pick items');
    w.next();
    await screen.findByText('Pick at least one item, or choose items by filter.');
    expect(screen.getByRole('heading', { name: 'Which items?' })).toBeTruthy();

    w.radio('By filter');
    w.next();
    await w.heading('For which segments?');
    await screen.findByRole('checkbox', { name: new RegExp(`^${segmentNames[0]}`) });
    w.next();
    await screen.findByText('Choose at least one segment.');
    w.box(segmentNames[0]!);
    // The message goes as soon as the mistake is fixed, not on the next press of Next.
    await waitFor(() => expect(screen.queryByText('Choose at least one segment.')).toBeNull());
    w.next();

    await w.heading('What to make');
    w.box('Text');
    w.next();
    await screen.findByText('Choose at least one kind of variant.');
    w.box('Text');
    w.next();

    await w.heading('Estimate and start');
    // Blank filter: the whole catalog (6 items) × 1 segment × text, from the API.
    const estimate = await screen.findByTestId('job-estimate');
    const read = (term: string) => within(estimate).getByText(term).nextElementSibling!.textContent;
    expect(read('Items')).toBe('6');
    expect(read('Segments')).toBe('1');
    expect(read('Variants')).toBe('6');
    expect(read('Cost')).toBe('$0.00');
    const start = screen.getByRole('button', { name: 'Start job' }) as HTMLButtonElement;
    expect(start.disabled).toBe(false);
    fireEvent.click(start);
    await waitFor(() => expect(w.onSubmitted).toHaveBeenCalledTimes(1));
    const job = w.onSubmitted.mock.calls[0]![0];
    expect(job).toMatchObject({ request: { items: { filter: {} }, kinds: ['text'], engine: 'template' }, counts: { total: 6 } });
    expect(job.estimate.variants).toBe(6);
  });

  it('estimates a filter by category and tag, crossed with two segments and both kinds', async () => {
    const w = renderWizard();
    fireEvent.input(w.field('Category'), { target: { value: ' wizard ' } });
    fireEvent.input(w.field('Tag'), { target: { value: 'hot' } });
    w.next();
    await screen.findByRole('checkbox', { name: new RegExp(`^${segmentNames[1]}`) });
    for (const name of segmentNames) w.box(name);
    w.next();
    await w.heading('What to make');
    w.box('Image');
    await screen.findByRole('group', { name: 'Image formats' });
    w.box('Story 9:16');
    w.next();
    const estimate = await screen.findByTestId('job-estimate');
    const read = (term: string) => within(estimate).getByText(term).nextElementSibling!.textContent;
    expect(read('Items')).toBe('3');
    expect(read('Segments')).toBe('2');
    expect(read('Variants')).toBe('12');
    expect(screen.getByText('Items with category “wizard”, tag “hot”')).toBeTruthy();
  });

  it("shows the API's refusal readably, marks the field it names and leads back to its step", async () => {
    const w = renderWizard();
    fireEvent.input(w.field('Category'), { target: { value: 'no-such-category' } });
    w.next();
    await screen.findByRole('checkbox', { name: new RegExp(`^${segmentNames[0]}`) });
    w.box(segmentNames[0]!);
    w.next();
    await w.heading('What to make');
    w.next();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/No item matches the filter/);
    expect((screen.getByRole('button', { name: 'Start job' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Change items' }));
    await w.heading('Which items?');
    expect(screen.getByText('matches no item')).toBeTruthy();
    expect(w.field('Category').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('job wizard values', () => {
  it('become the API request: blank filter fields dropped, formats only with images', () => {
    const values = { ...JOB_WIZARD_DEFAULTS, filter: { category: ' recipes ', tag: '', q: '' }, segmentIds: ['seg_1'], formats: ['story' as const] };
    expect(toJobRequest(values)).toEqual({ items: { filter: { category: 'recipes' } }, segmentIds: ['seg_1'], kinds: ['text'], engine: 'template', autoApprove: false });
    expect(toJobRequest({ ...values, selection: 'ids', itemIds: ['itm_1'], kinds: ['text', 'image'] })).toMatchObject({
      items: { ids: ['itm_1'] },
      formats: ['story'],
    });
  });

  it('map the API field paths onto the form fields', () => {
    expect(wizardFieldOf('body.items.ids[3]')).toBe('itemIds');
    expect(wizardFieldOf('body.items.filter')).toBe('filter');
    expect(wizardFieldOf('body.items')).toBe('selection');
    expect(wizardFieldOf('body.segmentIds.0')).toBe('segmentIds');
    expect(wizardFieldOf('headers.idempotency-key')).toBeNull();
  });
});
