import { CHANNEL_FORMATS, ZChannelFormatSchema, ZEmojiPolicySchema, ZTextFormatSchema, ZToneSchema } from '@persona/shared';
import { Controller, type Control, type UseFormReturn } from 'react-hook-form';
import { Button } from '../../components/ui/button.js';
import { Field, type ControlProps } from '../../components/ui/field.js';
import { Input, Select, Textarea } from '../../components/ui/input.js';
import { TagInput } from '../../components/ui/tag-input.js';
import type { SegmentFormOutput, SegmentFormValues } from './segment-form-schema.js';

const MAX_PALETTE = 6;
const TREATMENTS = ['none', 'tint', 'duotone'] as const;
const FORMAT_LABELS: Record<string, string> = { square: 'Square', portrait: 'Portrait', story: 'Story', landscape: 'Landscape' };

type Form = UseFormReturn<SegmentFormValues, unknown, SegmentFormOutput>;

/** The first message under a field, whether the field itself or one of its entries failed. */
function messageOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const own = (error as { message?: unknown }).message;
  if (typeof own === 'string' && own) return own;
  if (Array.isArray(error)) return error.map(messageOf).find(Boolean);
  return undefined;
}

/**
 * How the segment's variants are written and drawn: every field of the shared SegmentStyle
 * schema, validated by it. Text fields shape the engines' brief; visual fields the image renditions.
 */
export function StyleEditor({ form }: { form: Form }) {
  const { register, control } = form;
  const errors = form.formState.errors.style;
  const number = { valueAsNumber: true } as const;

  return (
    <div className="space-y-4">
      <Field label="Persona" hint="Who these readers are, in a sentence or two: the engines write for them." error={errors?.persona?.message}>
        <Textarea rows={3} className="min-h-20" {...register('style.persona')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Reading grade" hint="1 (easiest) to 18." error={errors?.readingGrade?.message}>
          <Input type="number" min={1} max={18} step={0.5} {...register('style.readingGrade', number)} />
        </Field>
        <Field label="Target words" hint="10 to 2,000." error={errors?.targetWords?.message}>
          <Input type="number" min={10} max={2000} step={10} {...register('style.targetWords', number)} />
        </Field>
        <Field label="Locale" hint="e.g. en-US, es-ES." error={errors?.locale?.message}>
          <Input {...register('style.locale')} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Tone" error={errors?.tone?.message}>
          {(wiring) => <ChoiceSelect control={control} name="style.tone" options={ZToneSchema.options} wiring={wiring} />}
        </Field>
        <Field label="Format" error={errors?.format?.message}>
          {(wiring) => <ChoiceSelect control={control} name="style.format" options={ZTextFormatSchema.options} wiring={wiring} />}
        </Field>
        <Field label="Emoji" error={errors?.emoji?.message}>
          {(wiring) => <ChoiceSelect control={control} name="style.emoji" options={ZEmojiPolicySchema.options} wiring={wiring} />}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Must include" hint="Terms every variant mentions. Enter adds one." error={messageOf(errors?.mustInclude)}>
          {(wiring) => (
            <Controller
              control={control}
              name="style.mustInclude"
              render={({ field }) => (
                <TagInput value={field.value ?? []} onChange={field.onChange} onBlur={field.onBlur} placeholder="Type a term and press Enter" {...wiring} />
              )}
            />
          )}
        </Field>
        <Field label="Must avoid" hint="Words and phrases no variant may use." error={messageOf(errors?.mustAvoid)}>
          {(wiring) => (
            <Controller
              control={control}
              name="style.mustAvoid"
              render={({ field }) => (
                <TagInput value={field.value ?? []} onChange={field.onChange} onBlur={field.onBlur} placeholder="Type a term and press Enter" {...wiring} />
              )}
            />
          )}
        </Field>
      </div>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-900">Visual style</legend>
        <Controller
          control={control}
          name="style.visual.palette"
          render={({ field }) => (
            <PaletteEditor value={field.value ?? []} onChange={field.onChange} error={messageOf(errors?.visual?.palette)} />
          )}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Treatment" hint="How the palette colours the image." error={errors?.visual?.treatment?.message}>
            {(wiring) => <ChoiceSelect control={control} name="style.visual.treatment" options={TREATMENTS} wiring={wiring} />}
          </Field>
          <Field label="Contrast" hint="0.5 to 2." error={errors?.visual?.contrast?.message}>
            <Input type="number" min={0.5} max={2} step={0.1} {...register('style.visual.contrast', number)} />
          </Field>
          <Field label="Font scale" hint="0.5 to 3; seniors get large type." error={errors?.visual?.fontScale?.message}>
            <Input type="number" min={0.5} max={3} step={0.1} {...register('style.visual.fontScale', number)} />
          </Field>
        </div>
        <Controller
          control={control}
          name="style.visual.channelFormats"
          render={({ field }) => {
            const chosen = field.value ?? [];
            const error = messageOf(errors?.visual?.channelFormats);
            return (
              <fieldset aria-describedby={error ? 'channel-formats-error' : undefined}>
                <legend className="text-sm font-medium text-slate-900">Channel formats</legend>
                <div className="mt-1 flex flex-wrap gap-4">
                  {ZChannelFormatSchema.options.map((format) => (
                    <label key={format} className="inline-flex items-center gap-2 text-sm text-slate-900">
                      <input
                        type="checkbox"
                        className="size-4 accent-indigo-700"
                        checked={chosen.includes(format)}
                        onChange={(event) =>
                          field.onChange(
                            event.target.checked
                              ? ZChannelFormatSchema.options.filter((f) => f === format || chosen.includes(f))
                              : chosen.filter((f) => f !== format),
                          )
                        }
                      />
                      {FORMAT_LABELS[format]} <span className="text-slate-600">{CHANNEL_FORMATS[format].ratio}</span>
                    </label>
                  ))}
                </div>
                {error && (
                  <p id="channel-formats-error" className="mt-1 text-sm text-red-700">
                    {error}
                  </p>
                )}
              </fieldset>
            );
          }}
        />
      </fieldset>
    </div>
  );
}

/**
 * A select bound through a Controller, so it shows the form's value from the first render (a
 * registered, uncontrolled select can read its first option back into the form instead).
 */
function ChoiceSelect({
  control,
  name,
  options,
  wiring,
}: {
  control: Control<SegmentFormValues, unknown, SegmentFormOutput>;
  name: 'style.tone' | 'style.format' | 'style.emoji' | 'style.visual.treatment';
  options: readonly string[];
  wiring: ControlProps;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select {...wiring} name={field.name} ref={field.ref} value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      )}
    />
  );
}

/** Palette swatches: a colour picker and its hex code per colour, one to six colours. */
function PaletteEditor({ value, onChange, error }: { value: string[]; onChange: (next: string[]) => void; error: string | undefined }) {
  const set = (index: number, colour: string) => onChange(value.map((c, i) => (i === index ? colour : c)));
  return (
    <fieldset aria-describedby={error ? 'palette-error' : undefined}>
      <legend className="text-sm font-medium text-slate-900">Palette</legend>
      <ul className="mt-1 flex flex-wrap gap-3">
        {value.map((colour, index) => {
          const valid = /^#[0-9a-fA-F]{6}$/.test(colour);
          return (
            // Index keys: two swatches may hold the same colour, and a swatch keeps its place as it is edited.
            <li key={index} className="flex items-center gap-1 rounded-md border border-slate-200 p-1" data-testid="swatch">
              <input
                type="color"
                aria-label={`Colour ${index + 1} picker`}
                className="h-8 w-10 cursor-pointer rounded border border-slate-300"
                value={valid ? colour.toLowerCase() : '#000000'}
                onChange={(event) => set(index, event.target.value)}
              />
              <Input
                aria-label={`Colour ${index + 1}`}
                className="h-8 w-24 font-mono"
                aria-invalid={valid ? undefined : true}
                value={colour}
                onChange={(event) => set(index, event.target.value.trim())}
              />
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={`Remove colour ${index + 1}`}
                disabled={value.length <= 1}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                ×
              </Button>
            </li>
          );
        })}
      </ul>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        className="mt-2"
        disabled={value.length >= MAX_PALETTE}
        onClick={() => onChange([...value, '#888888'])}
      >
        Add colour
      </Button>
      {error && (
        <p id="palette-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
