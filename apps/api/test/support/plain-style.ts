import type { TSegmentStyle } from '@persona/shared';

/** A segment style with nothing particular about it, for tests about who is in a segment rather than how it reads. */
export function plainStyle(targetWords: number): TSegmentStyle {
  return {
    persona: 'Readers.',
    readingGrade: 8,
    targetWords,
    tone: 'plain',
    format: 'narrative',
    locale: 'en-US',
    mustInclude: [],
    mustAvoid: [],
    emoji: 'none',
    visual: { palette: ['#112233'], treatment: 'tint', contrast: 1, fontScale: 1, channelFormats: ['square'] },
  };
}
