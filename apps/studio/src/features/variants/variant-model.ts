import type { components } from '../../api/schema.gen.js';

export type Variant = components['schemas']['Variant'];
export type GuardrailReport = components['schemas']['GuardrailReport'];
export type GuardrailStatus = GuardrailReport['status'];
export type Provenance = components['schemas']['Provenance'];
export type ImageRendition = components['schemas']['ImageRendition'];
export type TextField = 'title' | 'summary' | 'body' | 'cta';

/** The text a reviewer reads and edits, in reading order; `rationale` is the engine's note, not copy. */
export const TEXT_FIELDS: readonly { key: TextField; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'summary', label: 'Summary' },
  { key: 'body', label: 'Body' },
  { key: 'cta', label: 'CTA' },
];

/** How each channel format is named where creators work (the rendition's own size sets the frame). */
export const CHANNEL_FORMAT_LABELS: Record<ImageRendition['channelFormat'], string> = {
  square: 'Square 1:1',
  portrait: 'Portrait 4:5',
  story: 'Story 9:16',
  landscape: 'Landscape 1.91:1',
};

export const STATUS_LABELS: Record<Variant['status'], string> = {
  draft: 'Awaiting review',
  approved: 'Approved',
  rejected: 'Rejected',
  failed: 'Failed',
};
