import type { TTextFormat, TTone } from '../tone.types.js';

interface SpanishTonePhrases {
  /** Headline patterns around the item's own (translated) title; `{title}` is replaced. */
  headlines: readonly string[];
  /** For a title with a colon of its own: a headline carries one colon at most. */
  colonFreeHeadline: string;
  /** First line of a steps or bullets body. */
  opener: string;
  /** Call-to-action patterns; `{action}` is the category's verb phrase (imperative, tú). */
  ctas: readonly string[];
}

/**
 * The voice of each tone in Spanish, addressing the reader as "tú" (as Spanish-language media do
 * for a general audience). Framing words only: every fact comes from the item's Spanish source.
 */
export const SPANISH_TONE_PHRASES: Record<TTone, SpanishTonePhrases> = {
  calm: {
    headlines: ['{title}, paso a paso', '{title}, con calma'],
    colonFreeHeadline: '{title}, paso a paso',
    opener: 'Aquí tienes lo esencial, paso a paso.',
    ctas: ['Cuando quieras, {action}', 'Sin prisas, {action}'],
  },
  warm: {
    headlines: ['{title}, sin complicaciones', '{title}, con todo detalle'],
    colonFreeHeadline: '{title}, sin complicaciones',
    opener: 'Te lo contamos sin dejarnos nada.',
    ctas: ['Anímate y {action}', 'Guárdalo y {action} cuando quieras'],
  },
  playful: {
    headlines: ['{title}, en pocas palabras', '{title}, al grano'],
    colonFreeHeadline: '{title}, al grano',
    opener: 'Vamos al grano:',
    ctas: ['Guárdalo y {action}', 'Compártelo con quien quieras y {action}'],
  },
  authoritative: {
    headlines: ['{title}: las cifras y el porqué', '{title}: lo que dicen los números'],
    colonFreeHeadline: '{title}, con las cifras',
    opener: 'Lo esencial, en orden:',
    ctas: ['Lee el análisis completo y {action}', 'Revisa las cifras y {action}'],
  },
  energetic: {
    headlines: ['{title}: ¡manos a la obra!', '¿Empezamos? {title}'],
    colonFreeHeadline: '¿Empezamos? {title}',
    opener: '¡Vamos allá!',
    ctas: ['Empieza hoy y {action}', 'Lánzate y {action}'],
  },
  plain: {
    headlines: ['{title}', '{title}: lo principal'],
    colonFreeHeadline: '{title}',
    opener: 'Lo principal:',
    ctas: ['Lee más y {action}', 'Consulta los detalles y {action}'],
  },
};

/** What a reader of an item gets, by catalog category. */
const CATEGORY_CONTENTS: Record<string, string> = {
  recipes: 'los ingredientes, los tiempos y las temperaturas',
  travel: 'los lugares, los horarios y los costes',
  fitness: 'las sesiones, las distancias y los objetivos',
  'personal-finance': 'las cifras y la regla que conviene seguir',
  gardening: 'las fechas de siembra, las distancias y la cosecha',
  tech: 'los pasos, los costes y los errores que conviene evitar',
};

const FORMAT_SHAPES: Record<TTextFormat, string> = {
  steps: 'en pasos cortos y numerados',
  bullets: 'en una lista rápida',
  narrative: 'en una lectura breve',
};

/** "Aquí tienes los ingredientes, los tiempos y las temperaturas de «Bibimbap entre semana», en una lectura breve." */
export function spanishSummaryLead(title: string, category: string, format: TTextFormat): string {
  const contents = CATEGORY_CONTENTS[category.toLowerCase()] ?? 'lo esencial';
  return `Aquí tienes ${contents} de «${title.replace(/[.]$/, '')}», ${FORMAT_SHAPES[format]}.`;
}

/** What the reader can do next, by catalog category (imperative, tú). */
const CATEGORY_ACTIONS: Record<string, string> = {
  recipes: 'prepara la receta',
  travel: 'planea tu viaje',
  fitness: 'empieza tu primera sesión',
  'personal-finance': 'haz tus propias cuentas',
  gardening: 'ponte a plantar',
  tech: 'revisa tu propia configuración',
};

export function spanishCategoryAction(category: string): string {
  return CATEGORY_ACTIONS[category.toLowerCase()] ?? 'lee la historia completa';
}

/**
 * Every word the phrasebook writes: ordinary Spanish words that may open a headline, a summary or
 * a call to action, so the faithfulness check does not take them for names the item lacks.
 */
export const SPANISH_PHRASEBOOK_WORDS: ReadonlySet<string> = new Set(
  [
    ...Object.values(SPANISH_TONE_PHRASES).flatMap((phrases) => [...phrases.headlines, phrases.colonFreeHeadline, phrases.opener, ...phrases.ctas]),
    ...Object.values(CATEGORY_CONTENTS),
    ...Object.values(FORMAT_SHAPES),
    ...Object.values(CATEGORY_ACTIONS),
    'Aquí tienes lo esencial de lee la historia completa',
  ]
    .join(' ')
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [],
);
