import { ZSegmentInputSchema, type TSegmentInput } from '@persona/shared';

/**
 * Audience segments with deliberately different styles, so generated variants visibly differ.
 * Priorities: language first (a Spanish reader needs Spanish whatever their age), then the
 * accessibility needs of seniors, then the rest.
 */
const SEGMENTS = [
  {
    name: 'Spanish-speaking readers',
    description: 'Readers whose locale is Spanish (Spain or Mexico); content is written in Spanish.',
    rule: { any: [{ attr: 'locale', in: ['es-ES', 'es-MX'] }, { attr: 'country', eq: 'ES' }] },
    priority: 400,
    style: {
      persona: 'Spanish-speaking readers in Spain and Mexico who prefer natural, idiomatic Spanish over literal translation.',
      readingGrade: 8,
      // On the Spanish scale: INFLESZ 75, plain general-audience Spanish ("bastante fácil"); grade 8 alone would map to 60.
      readingEase: 75,
      targetWords: 160,
      tone: 'warm',
      format: 'narrative',
      locale: 'es-ES',
      mustInclude: [],
      mustAvoid: ['Spanglish', 'anglicisms where a Spanish word exists'],
      emoji: 'sparse',
      visual: {
        palette: ['#c1121f', '#fdf0d5', '#f4a261', '#264653'],
        treatment: 'tint',
        contrast: 1.1,
        fontScale: 1.1,
        channelFormats: ['square', 'portrait'],
      },
    },
  },
  {
    name: 'Seniors 65+',
    description: 'Readers aged 65 and over: large type, short plain sentences, calm and warm.',
    rule: { attr: 'age', gte: 65 },
    priority: 300,
    style: {
      persona: 'Retired readers aged 65 and over who read carefully, value clarity and dislike hype or jargon.',
      readingGrade: 6,
      targetWords: 90,
      tone: 'calm',
      format: 'steps',
      locale: 'en-US',
      mustInclude: [],
      mustAvoid: ['slang', 'FOMO', 'hack', 'crush it', 'jargon'],
      emoji: 'none',
      visual: {
        palette: ['#1d3557', '#f1faee', '#e9c46a', '#2a9d8f'],
        treatment: 'none',
        contrast: 1.6,
        fontScale: 1.7,
        channelFormats: ['landscape', 'square'],
      },
    },
  },
  {
    name: 'Young adults 18–29',
    description: 'Readers aged 18 to 29 who scroll on their phones: energetic, skimmable, visual.',
    rule: { all: [{ attr: 'age', gte: 18 }, { attr: 'age', lte: 29 }] },
    priority: 200,
    style: {
      persona: 'Readers aged 18 to 29, mostly on phones, who skim, share and want the point in the first line.',
      readingGrade: 8,
      targetWords: 70,
      tone: 'playful',
      format: 'bullets',
      locale: 'en-US',
      mustInclude: [],
      mustAvoid: ['condescending tone', 'outdated slang'],
      emoji: 'rich',
      visual: {
        palette: ['#7209b7', '#f72585', '#4cc9f0', '#fefefe'],
        treatment: 'duotone',
        contrast: 1.3,
        fontScale: 1,
        channelFormats: ['story', 'square'],
      },
    },
  },
  {
    name: 'Busy parents',
    description: 'Parents aged 28 to 50 short on time: practical, step-by-step, family-friendly.',
    rule: {
      all: [
        { attr: 'age', gte: 28 },
        { attr: 'age', lte: 50 },
        {
          any: [
            { attr: 'interests', contains: 'family' },
            { attr: 'interests', contains: 'kids' },
            { attr: 'interests', contains: 'quick-meals' },
          ],
        },
      ],
    },
    priority: 150,
    style: {
      persona: 'Working parents with young children who read in spare minutes and want something they can do tonight.',
      readingGrade: 7,
      targetWords: 120,
      tone: 'warm',
      format: 'steps',
      locale: 'en-US',
      mustInclude: [],
      mustAvoid: ['guilt-tripping', 'perfectionism'],
      emoji: 'sparse',
      visual: {
        palette: ['#ffb703', '#fb8500', '#219ebc', '#023047'],
        treatment: 'tint',
        contrast: 1.1,
        fontScale: 1.15,
        channelFormats: ['portrait', 'square'],
      },
    },
  },
  {
    name: 'Professionals and enthusiasts',
    description: 'Desktop readers aged 30 to 64 following finance or tech: detailed, precise, longer.',
    rule: {
      all: [
        { attr: 'age', gte: 30 },
        { attr: 'age', lte: 64 },
        { attr: 'device', eq: 'desktop' },
        { any: [{ attr: 'interests', contains: 'personal-finance' }, { attr: 'interests', contains: 'tech' }] },
      ],
    },
    priority: 120,
    style: {
      persona: 'Experienced readers who want the reasoning, the exact numbers and the trade-offs, not a summary.',
      readingGrade: 13,
      targetWords: 280,
      tone: 'authoritative',
      format: 'narrative',
      locale: 'en-US',
      mustInclude: [],
      mustAvoid: ['oversimplification', 'clickbait'],
      emoji: 'none',
      visual: {
        palette: ['#0b132b', '#1c2541', '#3a506b', '#5bc0be'],
        treatment: 'duotone',
        contrast: 1.2,
        fontScale: 0.9,
        channelFormats: ['landscape'],
      },
    },
  },
] as const;

/** Parsed through the shared schema, so the demo can never ship a segment the API would reject. */
export function demoSegments(): TSegmentInput[] {
  return SEGMENTS.map((segment) => ZSegmentInputSchema.parse(segment));
}
