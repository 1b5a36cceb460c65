import {
  ZChannelFormatSchema,
  ZGenerationEngineSchema,
  ZGenerationJobRequestSchema,
  ZIdSchema,
  ZVariantKindSchema,
} from '@persona/shared';
import { z } from 'zod';

/** The most items a creator picks by hand in the wizard; a larger set is a filter's job. */
export const MAX_PICKED_ITEMS = 500;

const ZFilterTextSchema = z.string().trim().max(200, 'At most 200 characters.');

const ZJobWizardFieldsSchema = z.object({
  selection: z.enum(['filter', 'ids']),
  filter: z.object({ category: ZFilterTextSchema, tag: ZFilterTextSchema, q: ZFilterTextSchema }),
  itemIds: z.array(ZIdSchema).max(MAX_PICKED_ITEMS, `At most ${MAX_PICKED_ITEMS} items; use a filter for more.`),
  segmentIds: z.array(ZIdSchema).min(1, 'Choose at least one segment.'),
  kinds: z.array(ZVariantKindSchema).min(1, 'Choose at least one kind of variant.'),
  engine: ZGenerationEngineSchema,
  formats: z.array(ZChannelFormatSchema),
  autoApprove: z.boolean(),
});

export type JobWizardValues = z.infer<typeof ZJobWizardFieldsSchema>;

/**
 * What the wizard's form holds, parsed into exactly the `GenerationJobRequest` the API takes: the
 * fields use the job contract's own enums (packages/shared) with plain-worded minimums, and the
 * result goes through the contract itself, so its limits are the form's. Both ways of choosing
 * items stay in the form side by side, so switching between them loses nothing.
 */
export const ZJobWizardSchema = ZJobWizardFieldsSchema.superRefine((values, ctx) => {
  if (values.selection === 'ids' && values.itemIds.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'Pick at least one item, or choose items by filter.' });
  }
})
  .transform(toJobRequest)
  .pipe(ZGenerationJobRequestSchema);

export const JOB_WIZARD_DEFAULTS: JobWizardValues = {
  selection: 'filter',
  filter: { category: '', tag: '', q: '' },
  itemIds: [],
  segmentIds: [],
  kinds: ['text'],
  engine: 'template',
  formats: [],
  autoApprove: false,
};

/** The request the API receives: blank filter fields left out, formats only when images are made. */
export function toJobRequest(values: JobWizardValues): z.input<typeof ZGenerationJobRequestSchema> {
  const filter = Object.fromEntries(Object.entries(values.filter).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
  return {
    items: values.selection === 'ids' ? { ids: values.itemIds } : { filter },
    segmentIds: values.segmentIds,
    kinds: values.kinds,
    engine: values.engine,
    ...(values.kinds.includes('image') && values.formats.length > 0 ? { formats: values.formats } : {}),
    autoApprove: values.autoApprove,
  };
}

/** The wizard's steps and the fields each one validates before the next is shown. */
export const WIZARD_STEPS = [
  { id: 'items', title: 'Items', fields: ['selection', 'filter', 'itemIds'] },
  { id: 'segments', title: 'Segments', fields: ['segmentIds'] },
  { id: 'output', title: 'Output', fields: ['kinds', 'engine', 'formats', 'autoApprove'] },
  { id: 'review', title: 'Estimate', fields: [] },
] as const satisfies readonly { id: string; title: string; fields: readonly (keyof JobWizardValues)[] }[];

export type WizardField = (typeof WIZARD_STEPS)[number]['fields'][number];

/**
 * The form field a server issue belongs to: the API names the request's fields (`body.items.filter`,
 * `body.items.ids[3]`, `body.segmentIds`), the form keeps items in two fields of its own.
 */
export function wizardFieldOf(path: string): WizardField | null {
  const field = path.replace(/^body\./, '');
  if (field.startsWith('items.ids')) return 'itemIds';
  if (field.startsWith('items.filter')) return 'filter';
  if (field === 'items' || field.startsWith('items.')) return 'selection';
  for (const name of ['segmentIds', 'kinds', 'engine', 'formats', 'autoApprove'] as const) {
    if (field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`)) return name;
  }
  return null;
}

/** The step that shows a field, so the wizard can take the creator back to what the server refused. */
export function stepOf(field: WizardField): number {
  return WIZARD_STEPS.findIndex((step) => (step.fields as readonly string[]).includes(field));
}
