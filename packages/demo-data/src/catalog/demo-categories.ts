import type { DemoCategory } from './demo-category.types.js';
import { fitnessCategory } from './fitness.category.js';
import { gardeningCategory } from './gardening.category.js';
import { personalFinanceCategory } from './personal-finance.category.js';
import { recipesCategory } from './recipes.category.js';
import { techCategory } from './tech.category.js';
import { travelCategory } from './travel.category.js';

/** Every category the demo catalog writes about, in the order items are dealt to them. */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  recipesCategory,
  travelCategory,
  fitnessCategory,
  personalFinanceCategory,
  gardeningCategory,
  techCategory,
];
