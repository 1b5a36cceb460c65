import { keepPreviousData } from '@tanstack/react-query';
import { CHANNEL_FORMATS, ZSegmentStyleSchema, type TChannelFormat, type TSegmentStyle } from '@persona/shared';
import { useId, useState } from 'react';
import { $api } from '../../api/client.js';
import { Alert, ProblemAlert } from '../../components/ui/alert.js';
import { Field } from '../../components/ui/field.js';
import { Select } from '../../components/ui/input.js';
import { Badge, Card, Loading } from '../../components/ui/misc.js';
import { segmentFormIssues } from './segment-form-schema.js';
import { useDebounced } from './use-debounced.js';

const guardrailTone = { pass: 'bg-emerald-100 text-emerald-900', warn: 'bg-amber-100 text-amber-950', fail: 'bg-red-100 text-red-900' };

/**
 * One catalog item written for the style being edited, through the API's dry-run preview: the
 * real engines and guardrails run on the unsaved style, and nothing is stored.
 */
export function StyleExample({
  segmentId,
  name,
  style,
  canGenerate,
}: {
  segmentId: string | null;
  name: string;
  style: unknown;
  canGenerate: boolean;
}) {
  const items = $api.useQuery('get', '/v1/items', { params: { query: { limit: 50 } } });
  const [chosen, setChosen] = useState<string | null>(null);
  const [engine, setEngine] = useState<'template' | 'auto'>('template');
  const itemId = chosen ?? items.data?.items[0]?.id ?? null;
  const settled = useDebounced({ style, name }, 600);
  const parsed = ZSegmentStyleSchema.safeParse(settled.style, segmentFormIssues);
  const ready = canGenerate && itemId !== null && parsed.success;
  const example = $api.useQuery(
    'post',
    '/v1/items/{id}/variants/preview',
    {
      params: { path: { id: itemId ?? '' } },
      body: {
        segmentIds: segmentId ? [segmentId] : [],
        dryRun: true,
        style: parsed.data!,
        ...(settled.name.trim() ? { segmentName: settled.name.trim() } : {}),
        kinds: ['text'],
        textEngine: engine,
        imageEngine: 'auto',
      },
    },
    { enabled: ready, placeholderData: keepPreviousData, retry: false, staleTime: Infinity },
  );
  const variant = example.data?.items[0];

  if (!canGenerate) {
    return (
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">Live example</h2>
        <div className="mt-2">
          <Alert tone="info" title="Read-only key">
            Your role cannot generate variants, so no example is written here.
          </Alert>
        </div>
      </Card>
    );
  }

  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">Live example</h2>
      <p className="text-xs text-slate-700">A dry run on the unsaved style: nothing is stored.</p>
      <div className="mt-3 space-y-2">
        <Field label="Example item">
          <Select value={itemId ?? ''} onChange={(event) => setChosen(event.target.value)} disabled={!items.data?.items.length}>
            {items.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Engine">
          <Select value={engine} onChange={(event) => setEngine(event.target.value as 'template' | 'auto')}>
            <option value="template">template</option>
            <option value="auto">auto</option>
          </Select>
        </Field>
      </div>
      <div className="mt-3" aria-live="polite">
        {items.isError ? (
          <ProblemAlert error={items.error} />
        ) : items.data && items.data.items.length === 0 ? (
          <p className="text-sm text-slate-700">The catalog is empty: add an item to see an example.</p>
        ) : !parsed.success ? (
          <p className="text-sm text-slate-700">
            Complete the style to see an example: <span className="font-medium">{firstIssue(parsed.error.issues)}</span>
          </p>
        ) : example.isError ? (
          <ProblemAlert error={example.error} />
        ) : !variant ? (
          <Loading label="Writing an example…" />
        ) : (
          <article aria-label="Example variant" data-testid="style-example" className={example.isFetching ? 'opacity-60' : undefined}>
            {variant.text ? (
              <div className="space-y-2 text-sm text-slate-900">
                <h3 className="font-semibold" style={{ fontSize: `${Math.min(1.4, parsed.data.visual.fontScale)}rem` }}>
                  {variant.text.title}
                </h3>
                <p className="text-slate-700">{variant.text.summary}</p>
                <p className="whitespace-pre-line">{variant.text.body}</p>
                <p>
                  <span className="inline-block rounded bg-indigo-700 px-2 py-1 text-xs font-medium text-white">{variant.text.cta}</span>
                </p>
              </div>
            ) : (
              <Alert tone="error" title="The engine wrote nothing">
                {variant.failureReason ?? 'No reason given.'}
              </Alert>
            )}
            <ul aria-label="Guardrails" className="mt-3 flex flex-wrap gap-1">
              {variant.guardrails.checks.map((check) => (
                <li key={check.name}>
                  <Badge className={guardrailTone[check.status]}>
                    <span title={check.detail}>
                      {check.name}: {check.status}
                    </span>
                  </Badge>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-slate-600">
              Engine {variant.provenance.engine}
              {variant.provenance.fallbackReason ? ` (fallback: ${variant.provenance.fallbackReason})` : ''}
            </p>
            {variant.text && <LayoutSketches style={parsed.data} headline={variant.text.title} />}
          </article>
        )}
      </div>
    </Card>
  );
}

/** The first thing the style lacks, named as the editor names it ("persona: Required."). */
function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const [issue] = issues;
  if (!issue) return '';
  const field = issue.path.filter((part) => typeof part === 'string').at(-1) ?? 'style';
  return `${String(field).replace(/([A-Z])/g, ' $1').toLowerCase()}: ${issue.message}`;
}

/** Relative luminance (WCAG), to put black or white text on a palette colour, whichever reads better. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * The headline over the palette in each channel format's real aspect ratio: a sketch of the image
 * renditions (which are drawn, and stored, only when variants are generated).
 */
function LayoutSketches({ style, headline }: { style: TSegmentStyle; headline: string }) {
  const headingId = useId();
  const [base, second = base] = style.visual.palette;
  const background =
    style.visual.treatment === 'duotone' ? `linear-gradient(135deg, ${base}, ${second})` : style.visual.treatment === 'tint' ? base : '#475569';
  const solid = style.visual.treatment === 'duotone' ? base! : style.visual.treatment === 'tint' ? base! : '#475569';
  const text = luminance(solid) > 0.18 ? '#000000' : '#ffffff';
  return (
    <section aria-labelledby={headingId} className="mt-3">
      <h3 id={headingId} className="text-sm font-medium text-slate-900">
        Layout sketch per channel format
      </h3>
      <ul className="mt-2 grid grid-cols-2 gap-2">
        {style.visual.channelFormats.map((format: TChannelFormat) => {
          const { width, height, ratio } = CHANNEL_FORMATS[format];
          return (
            <li key={format} className="text-xs text-slate-700">
              <div
                role="img"
                aria-label={`${format} ${ratio}: the headline over the palette`}
                className="flex items-end overflow-hidden rounded border border-slate-300 p-2"
                style={{ aspectRatio: `${width} / ${height}`, background, filter: `contrast(${style.visual.contrast})` }}
              >
                <span
                  aria-hidden="true"
                  className="line-clamp-4 font-semibold leading-tight"
                  style={{ color: text, fontSize: `${0.55 * style.visual.fontScale}rem` }}
                >
                  {headline}
                </span>
              </div>
              {format} {ratio}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
