import { ZSegmentInputSchema, type TSegmentInput, type TSegmentStyle } from '@persona/shared';
import type { z } from 'zod';
import { friendlyIssues } from '../../forms/friendly-issues.js';

/**
 * The segment form validates everything but the rule with the API's own input schema; the rule
 * is edited as a tree by the visual builder and checked by `ruleTreeProblems` against the same
 * DSL limits, then converted to the DSL on submit.
 */
export const ZSegmentFormSchema = ZSegmentInputSchema.omit({ rule: true });
export type SegmentFormValues = z.input<typeof ZSegmentFormSchema>;
export type SegmentFormOutput = Omit<TSegmentInput, 'rule'>;

/** Plain words for number fields too (an emptied number box reads as NaN to zod). */
export const segmentFormIssues: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => {
    if (issue.code === 'invalid_type' && issue.expected === 'number') return 'A number.';
    if (issue.code === 'too_small' && issue.origin === 'number') return `At least ${issue.minimum}.`;
    if (issue.code === 'too_big' && issue.origin === 'number') return `At most ${issue.maximum}.`;
    if (issue.code === 'too_small' && issue.origin === 'array') return `At least ${issue.minimum}.`;
    if (issue.code === 'invalid_format') return 'A #rrggbb colour.';
    return friendlyIssues.error?.(issue);
  },
};

export const DEFAULT_STYLE: TSegmentStyle = {
  persona: '',
  readingGrade: 8,
  targetWords: 120,
  tone: 'warm',
  format: 'narrative',
  locale: 'en-US',
  mustInclude: [],
  mustAvoid: [],
  emoji: 'none',
  visual: { palette: ['#1d3557', '#f1faee'], treatment: 'tint', contrast: 1, fontScale: 1, channelFormats: ['square'] },
};

/** Every form field a server error can name, deepest first so `style.visual.palette.2` finds its field. */
export const SEGMENT_FORM_FIELDS = [
  'name',
  'description',
  'priority',
  'style.persona',
  'style.readingGrade',
  'style.targetWords',
  'style.tone',
  'style.format',
  'style.locale',
  'style.mustInclude',
  'style.mustAvoid',
  'style.emoji',
  'style.visual.palette',
  'style.visual.treatment',
  'style.visual.contrast',
  'style.visual.fontScale',
  'style.visual.channelFormats',
] as const;
