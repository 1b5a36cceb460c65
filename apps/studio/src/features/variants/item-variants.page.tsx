import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api } from '../../api/client.js';
import { usePrincipal } from '../../auth/principal.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Select } from '../../components/ui/input.js';
import { Card, EmptyState, Loading, PageHeader } from '../../components/ui/misc.js';
import { useSegmentNames, type SegmentSummary } from './segment-names.js';
import { VariantCard } from './variant-card.js';
import { TEXT_FIELDS, type Variant } from './variant-model.js';
import { WordDiff } from './word-diff.js';

const route = getRouteApi('/app/catalog/$itemId/variants');
const KINDS = [
  { kind: 'text', label: 'Text' },
  { kind: 'image', label: 'Image' },
] as const;

/** An item's variants as a matrix of segments × kinds, the newest of each cell first, reviewable in place. */
export function ItemVariantsPage() {
  const { itemId } = route.useParams();
  const { may } = usePrincipal();
  const canWrite = may('catalogWrite');
  const item = $api.useQuery('get', '/v1/items/{id}', { params: { path: { id: itemId } } });
  const variants = $api.useQuery('get', '/v1/items/{id}/variants', { params: { path: { id: itemId } } });
  const segments = useSegmentNames();

  if (item.isPending) return <Loading label="Loading the item…" />;
  if (item.isError) return <ProblemAlert error={item.error} />;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/catalog/$itemId" params={{ itemId }} className="text-indigo-800 underline">
          ← {item.data.title}
        </Link>
      </p>
      <PageHeader
        title={`Variants of “${item.data.title}”`}
        description="Every segment's text and image variants, their guardrail checks and how they were made."
        actions={
          <Button asChild variant="secondary">
            <Link to="/review" search={{ itemId }}>
              Review queue for this item
            </Link>
          </Button>
        }
      />
      {canWrite && <Regenerate itemId={itemId} segments={segments.list} />}
      {variants.isPending ? (
        <Loading label="Loading variants…" />
      ) : variants.isError ? (
        <div className="space-y-2">
          <ProblemAlert error={variants.error} />
          <Button variant="secondary" onClick={() => void variants.refetch()}>
            Try again
          </Button>
        </div>
      ) : variants.data.items.length === 0 ? (
        <EmptyState title="No variants yet">
          {canWrite ? 'Choose segments above and generate the first variants.' : 'Variants appear here once a creator generates them.'}
        </EmptyState>
      ) : (
        <>
          <VariantMatrix variants={variants.data.items} segmentName={segments.name} segmentOrder={segments.list} canWrite={canWrite} />
          <CompareSegments variants={variants.data.items} segmentName={segments.name} segmentOrder={segments.list} />
        </>
      )}
    </>
  );
}

/** The newest variant of each (segment, kind), and how many older ones it replaced. */
function newestCells(variants: readonly Variant[]) {
  const cells = new Map<string, { variant: Variant; older: number }>();
  for (const variant of variants) {
    const key = `${variant.segmentId}/${variant.kind}`;
    const cell = cells.get(key);
    // The list is newest first, so the first of a key is the newest.
    if (cell) cell.older += 1;
    else cells.set(key, { variant, older: 0 });
  }
  return cells;
}

function orderedSegmentIds(variants: readonly Variant[], order: readonly SegmentSummary[]): string[] {
  const present = new Set(variants.map((v) => v.segmentId));
  const known = order.map((s) => s.id).filter((id) => present.has(id));
  return [...known, ...[...present].filter((id) => !known.includes(id))];
}

function VariantMatrix({
  variants,
  segmentName,
  segmentOrder,
  canWrite,
}: {
  variants: readonly Variant[];
  segmentName: (id: string) => string;
  segmentOrder: readonly SegmentSummary[];
  canWrite: boolean;
}) {
  const cells = newestCells(variants);
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-separate border-spacing-2 text-left" aria-label="Variants by segment and kind">
        <thead>
          <tr className="text-sm text-slate-700">
            <th scope="col" className="w-40">
              Segment
            </th>
            {KINDS.map(({ kind, label }) => (
              <th key={kind} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {orderedSegmentIds(variants, segmentOrder).map((segmentId) => (
            <tr key={segmentId} className="align-top">
              <th scope="row" className="pt-3 text-sm font-semibold text-slate-900">
                {segmentName(segmentId)}
              </th>
              {KINDS.map(({ kind, label }) => {
                const cell = cells.get(`${segmentId}/${kind}`);
                const subject = `${label.toLowerCase()} for ${segmentName(segmentId)}`;
                return (
                  <td key={kind}>
                    {cell ? (
                      <VariantCard
                        variant={cell.variant}
                        subject={subject}
                        canWrite={canWrite}
                        extra={cell.older > 0 ? <p className="text-xs text-slate-700">Newest of {cell.older + 1} versions.</p> : undefined}
                      />
                    ) : (
                      <p className="rounded-lg border border-dashed border-slate-300 p-3 text-sm text-slate-700">No {label.toLowerCase()} variant.</p>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Two segments' newest texts side by side, word by word: what the engine changed for each audience. */
function CompareSegments({
  variants,
  segmentName,
  segmentOrder,
}: {
  variants: readonly Variant[];
  segmentName: (id: string) => string;
  segmentOrder: readonly SegmentSummary[];
}) {
  const cells = newestCells(variants);
  // In the matrix's order, so "left" is the segment above.
  const texts = orderedSegmentIds(variants, segmentOrder).flatMap((id) => {
    const variant = cells.get(`${id}/text`)?.variant;
    return variant?.text ? [variant] : [];
  });
  const [left, setLeft] = useState(texts[0]?.segmentId ?? '');
  const [right, setRight] = useState(texts[1]?.segmentId ?? '');
  const leftText = texts.find((v) => v.segmentId === left)?.text;
  const rightText = texts.find((v) => v.segmentId === right)?.text;
  return (
    <Card className="mt-6">
      <h2 className="text-lg font-semibold">Compare two segments</h2>
      {texts.length < 2 ? (
        <p className="mt-2 text-sm text-slate-700">Comparing needs text variants for at least two segments.</p>
      ) : (
        <>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            <Field label="Left segment">
              <Select value={left} onChange={(e) => setLeft(e.target.value)}>
                {texts.map((v) => (
                  <option key={v.segmentId} value={v.segmentId}>
                    {segmentName(v.segmentId)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Right segment">
              <Select value={right} onChange={(e) => setRight(e.target.value)}>
                {texts.map((v) => (
                  <option key={v.segmentId} value={v.segmentId}>
                    {segmentName(v.segmentId)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {leftText && rightText && (
            <div className="mt-4 space-y-4" data-testid="segment-diff">
              {TEXT_FIELDS.map(({ key, label }) => (
                <section key={key} aria-label={`${label} compared`}>
                  <h3 className="mb-1 text-sm font-semibold text-slate-900">{label}</h3>
                  <WordDiff left={leftText[key]} right={rightText[key]} leftLabel={segmentName(left)} rightLabel={segmentName(right)} />
                </section>
              ))}
            </div>
          )}
        </>
      )}
    </Card>
  );
}

/** Generate again for chosen segments and kinds with a chosen engine (the preview endpoint; stored as drafts). */
function Regenerate({ itemId, segments }: { itemId: string; segments: readonly SegmentSummary[] }) {
  const queryClient = useQueryClient();
  const preview = $api.useMutation('post', '/v1/items/{id}/variants/preview', {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['get', '/v1/items/{id}/variants'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/v1/variants'] });
    },
  });
  const [chosen, setChosen] = useState<string[]>([]);
  const [kinds, setKinds] = useState<('text' | 'image')[]>(['text']);
  const [textEngine, setTextEngine] = useState<'auto' | 'template' | 'openai'>('template');
  const [imageEngine, setImageEngine] = useState<'auto' | 'sharp' | 'openai'>('sharp');
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  function submit(event: FormEvent) {
    event.preventDefault();
    preview.mutate({ params: { path: { id: itemId } }, body: { segmentIds: chosen, kinds, textEngine, imageEngine } });
  }

  return (
    <Card className="mb-4">
      <form onSubmit={submit} aria-labelledby="regenerate-heading">
        <h2 id="regenerate-heading" className="text-lg font-semibold">
          Generate variants
        </h2>
        <p className="text-sm text-slate-700">Same inputs give the stored variant back; another engine writes a new one, stored as a draft for review.</p>
        <div className="mt-3 grid gap-4 md:grid-cols-[2fr_1fr_1fr_1fr]">
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Segments</legend>
            {segments.length === 0 ? (
              <p className="text-sm text-slate-700">No segments yet: create one in Audience first.</p>
            ) : (
              <div className="mt-1 flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
                {segments.map((segment) => (
                  <label key={segment.id} className="flex items-center gap-1.5 text-sm">
                    <input type="checkbox" checked={chosen.includes(segment.id)} onChange={() => setChosen(toggle(chosen, segment.id))} />
                    {segment.name}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Kinds</legend>
            {KINDS.map(({ kind, label }) => (
              <label key={kind} className="mt-1 flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={kinds.includes(kind)} onChange={() => setKinds(toggle(kinds, kind))} />
                {label}
              </label>
            ))}
          </fieldset>
          <Field label="Text engine">
            <Select value={textEngine} onChange={(e) => setTextEngine(e.target.value as typeof textEngine)}>
              <option value="template">Template (offline)</option>
              <option value="openai">OpenAI-compatible LLM</option>
              <option value="auto">Auto (LLM when configured)</option>
            </Select>
          </Field>
          <Field label="Image engine">
            <Select value={imageEngine} onChange={(e) => setImageEngine(e.target.value as typeof imageEngine)}>
              <option value="sharp">Sharp (offline)</option>
              <option value="openai">OpenAI-compatible images</option>
              <option value="auto">Auto (LLM when configured)</option>
            </Select>
          </Field>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={preview.isPending || chosen.length === 0 || kinds.length === 0}>
            {preview.isPending ? 'Generating…' : 'Generate variants'}
          </Button>
          {chosen.length === 0 && <span className="text-sm text-slate-700">Choose at least one segment.</span>}
        </div>
        <div className="mt-2" aria-live="polite">
          {preview.isError && <ProblemAlert error={preview.error} />}
          {preview.isSuccess && <Alert tone="success" title={`${preview.data.items.length} variant${preview.data.items.length === 1 ? '' : 's'} ready for review.`} />}
        </div>
      </form>
    </Card>
  );
}
