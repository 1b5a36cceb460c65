import { composeFitnessEs } from './fitness.es.js';
import { composeGardeningEs } from './gardening.es.js';
import { composeFinanceEs } from './personal-finance.es.js';
import { composeRecipeEs } from './recipes.es.js';
import type { SpanishComposer } from './spanish-text.helpers.js';
import { composeTechEs } from './tech.es.js';
import { composeTravelEs } from './travel.es.js';

/** The Spanish writer of each demo category, by category key. */
export const SPANISH_COMPOSERS: Record<string, SpanishComposer> = {
  recipes: composeRecipeEs,
  travel: composeTravelEs,
  fitness: composeFitnessEs,
  'personal-finance': composeFinanceEs,
  gardening: composeGardeningEs,
  tech: composeTechEs,
};

/** The series note in Spanish, as the English one sits at the end of the last paragraph. */
export function spanishSeriesSentence(part: number, length: number): string {
  return part === 0 ? `Este es el primero de los ${length} capítulos de la serie.` : `Este es el capítulo ${part + 1} de ${length} de la serie.`;
}
