import { z } from 'zod';
import { pageOf, ZIdSchema, ZTimestampSchema } from './common.js';
import { ZSegmentRuleSchema } from './segment-rule.js';
import { ZUserSchema } from './user.js';

export const ZToneSchema = z.enum(['warm', 'playful', 'authoritative', 'calm', 'energetic', 'plain']);
export const ZTextFormatSchema = z.enum(['narrative', 'steps', 'bullets']);
export const ZEmojiPolicySchema = z.enum(['none', 'sparse', 'rich']);

/** Social and web placements, with the pixel size each one is rendered at. */
export const CHANNEL_FORMATS = {
  square: { width: 1080, height: 1080, ratio: '1:1' },
  portrait: { width: 1080, height: 1350, ratio: '4:5' },
  story: { width: 1080, height: 1920, ratio: '9:16' },
  landscape: { width: 1200, height: 628, ratio: '1.91:1' },
} as const;
export const ZChannelFormatSchema = z.enum(['square', 'portrait', 'story', 'landscape']);
export type TChannelFormat = z.infer<typeof ZChannelFormatSchema>;

const ZHexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour');

export const ZVisualStyleSchema = z
  .object({
    palette: z.array(ZHexColorSchema).min(1).max(6),
    treatment: z.enum(['none', 'tint', 'duotone']).default('tint'),
    contrast: z.number().min(0.5).max(2).default(1),
    /** Multiplier on the base headline size: seniors get large type. */
    fontScale: z.number().min(0.5).max(3).default(1),
    channelFormats: z.array(ZChannelFormatSchema).min(1).default(['square']),
  })
  .meta({ id: 'VisualStyle' });
export type TVisualStyle = z.infer<typeof ZVisualStyleSchema>;

export const ZSegmentStyleSchema = z
  .object({
    persona: z.string().min(1).max(2000),
    readingGrade: z.number().min(1).max(18),
    /**
     * For a Spanish segment: the target on the INFLESZ scale (Szigriszt-Pazos, 0–100, higher is
     * easier), which is how Spanish text is measured. Absent: derived from `readingGrade` by the
     * INFLESZ school-level bands. Other locales ignore it.
     */
    readingEase: z.number().min(0).max(100).optional(),
    targetWords: z.number().int().min(10).max(2000),
    tone: ZToneSchema,
    format: ZTextFormatSchema,
    locale: z.string().min(2).max(35).default('en-US'),
    mustInclude: z.array(z.string().min(1).max(100)).max(50).default([]),
    mustAvoid: z.array(z.string().min(1).max(100)).max(200).default([]),
    emoji: ZEmojiPolicySchema.default('none'),
    visual: ZVisualStyleSchema,
  })
  .meta({ id: 'SegmentStyle' });
export type TSegmentStyle = z.infer<typeof ZSegmentStyleSchema>;

const segmentFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000),
  rule: ZSegmentRuleSchema,
  style: ZSegmentStyleSchema,
  /** When a user matches several segments, the highest priority wins. */
  priority: z.number().int().min(0).max(1000),
};

export const ZSegmentInputSchema = z
  .object({
    ...segmentFields,
    description: segmentFields.description.default(''),
    priority: segmentFields.priority.default(100),
  })
  .meta({ id: 'SegmentInput' });
export type TSegmentInput = z.infer<typeof ZSegmentInputSchema>;

/** Fields given replace the stored ones (a style is replaced whole); absent fields are left alone. */
export const ZSegmentPatchSchema = z.object(segmentFields).partial().meta({ id: 'SegmentPatch' });
export type TSegmentPatch = z.infer<typeof ZSegmentPatchSchema>;

export const ZSegmentSchema = ZSegmentInputSchema.extend({
  id: ZIdSchema,
  createdAt: ZTimestampSchema,
  updatedAt: ZTimestampSchema,
}).meta({ id: 'Segment' });
export type TSegment = z.infer<typeof ZSegmentSchema>;

export const ZSegmentPageSchema = pageOf(ZSegmentSchema).meta({ id: 'SegmentPage' });

export const ZSegmentPreviewRequestSchema = z
  .object({ rule: ZSegmentRuleSchema, sampleSize: z.number().int().min(0).max(200).default(20) })
  .meta({ id: 'SegmentPreviewRequest' });
export type TSegmentPreviewRequest = z.infer<typeof ZSegmentPreviewRequestSchema>;

export const ZSegmentPreviewSchema = z
  .object({ matched: z.number().int(), total: z.number().int(), sample: z.array(ZUserSchema) })
  .meta({ id: 'SegmentPreview' });
export type TSegmentPreview = z.infer<typeof ZSegmentPreviewSchema>;
