import type { SeededRandom } from '../seeded-random.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { capitalize, fahrenheit, listOf, money, oneOf } from './text.helpers.js';

interface Ingredient {
  readonly name: string;
  readonly unit: 'g' | 'ml' | '';
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

type CookMethod = 'bake' | 'simmer' | 'fry' | 'roast';

interface Recipe extends CategorySubject {
  readonly origin: string;
  readonly ingredients: readonly Ingredient[];
  readonly method: CookMethod;
  readonly tempC: number;
  readonly cookMinutes: readonly [number, number];
  readonly serves: number;
  readonly doneness: string;
  readonly tip: string;
}

const g = (name: string, min: number, max: number, step = 10): Ingredient => ({ name, unit: 'g', min, max, step });
const ml = (name: string, min: number, max: number, step = 10): Ingredient => ({ name, unit: 'ml', min, max, step });
const each = (name: string, min: number, max: number): Ingredient => ({ name, unit: '', min, max, step: 1 });

const RECIPES: readonly Recipe[] = [
  { name: 'Spaghetti Carbonara', group: 'italian', origin: 'Rome', tags: ['pasta', 'italian'], method: 'fry', tempC: 0, cookMinutes: [12, 15], serves: 4, ingredients: [g('spaghetti', 350, 450, 50), g('guanciale', 120, 180), g('Pecorino Romano', 60, 100), each('egg yolks', 4, 6)], doneness: 'the sauce coats the back of a spoon', tip: 'Take the pan off the heat before adding the eggs; above 70°C they scramble.' },
  { name: 'Risotto alla Milanese', group: 'italian', origin: 'Milan', tags: ['rice', 'italian'], method: 'simmer', tempC: 0, cookMinutes: [18, 22], serves: 4, ingredients: [g('Carnaroli rice', 300, 360, 20), ml('hot chicken stock', 1100, 1400, 100), g('Grana Padano', 50, 80), each('saffron threads', 15, 25)], doneness: 'the rice is creamy but still has a little bite', tip: 'Add the stock one ladle (about 150 ml) at a time and stir every 30 seconds.' },
  { name: 'Margherita Pizza', group: 'italian', origin: 'Naples', tags: ['pizza', 'italian', 'baking'], method: 'bake', tempC: 250, cookMinutes: [8, 11], serves: 2, ingredients: [g('tipo 00 flour', 300, 400, 50), g('San Marzano tomatoes', 200, 300, 50), g('fior di latte mozzarella', 150, 250, 25), ml('water', 190, 250, 10)], doneness: 'the crust is blistered and the cheese bubbles', tip: 'Let the dough rise for 24 hours in the fridge at 4°C for a lighter crust.' },
  { name: 'Minestrone', group: 'italian', origin: 'Genoa', tags: ['soup', 'vegetarian', 'italian'], method: 'simmer', tempC: 0, cookMinutes: [35, 45], serves: 6, ingredients: [g('cannellini beans', 400, 500, 50), g('ditalini pasta', 100, 150, 25), g('cavolo nero', 150, 200, 25), ml('vegetable stock', 1500, 2000, 250)], doneness: 'the vegetables are soft and the pasta is tender', tip: 'A Parmigiano-Reggiano rind in the pot adds depth; remove it before serving.' },
  { name: 'Pad Thai', group: 'asian', origin: 'Bangkok', tags: ['noodles', 'thai', 'quick-meals'], method: 'fry', tempC: 0, cookMinutes: [6, 9], serves: 2, ingredients: [g('flat rice noodles', 200, 250, 25), g('king prawns', 180, 250, 10), ml('tamarind paste', 30, 45, 5), g('roasted peanuts', 30, 50)], doneness: 'the noodles are glossy and just soft', tip: 'Soak the noodles in warm water for 20 minutes, not boiling water, or they turn mushy.' },
  { name: 'Chicken Katsu Curry', group: 'asian', origin: 'Tokyo', tags: ['japanese', 'chicken', 'family'], method: 'fry', tempC: 0, cookMinutes: [10, 14], serves: 4, ingredients: [g('chicken thighs', 600, 800, 50), g('panko breadcrumbs', 100, 150, 25), g('Japanese curry roux', 100, 120, 10), g('short-grain rice', 300, 400, 50)], doneness: 'the coating is golden and the chicken reaches 74°C inside', tip: 'Rest the breaded chicken for 10 minutes before frying so the panko sticks.' },
  { name: 'Bibimbap', group: 'asian', origin: 'Jeonju', tags: ['korean', 'rice'], method: 'fry', tempC: 0, cookMinutes: [15, 20], serves: 4, ingredients: [g('short-grain rice', 300, 400, 50), g('beef mince', 300, 400, 50), g('spinach', 150, 200, 25), ml('gochujang', 45, 60, 15)], doneness: 'the rice at the bottom of the pan turns crisp', tip: 'A cast-iron pan heated for 5 minutes gives the crust that dolsot bowls are famous for.' },
  { name: 'Dal Tadka', group: 'asian', origin: 'Punjab', tags: ['indian', 'vegetarian', 'budget'], method: 'simmer', tempC: 0, cookMinutes: [25, 35], serves: 4, ingredients: [g('yellow split lentils', 250, 300, 25), g('ghee', 30, 45, 5), g('tomatoes', 200, 300, 50), each('green chillies', 2, 3)], doneness: 'the lentils collapse into a thick purée', tip: 'Pour the sizzling tadka of cumin and garlic over the dal in the last 2 minutes.' },
  { name: 'Sourdough Loaf', group: 'baking', origin: 'San Francisco', tags: ['bread', 'baking'], method: 'bake', tempC: 240, cookMinutes: [40, 45], serves: 8, ingredients: [g('strong white flour', 450, 500, 50), g('active sourdough starter', 90, 120, 10), ml('water', 330, 375, 5), g('sea salt', 9, 11, 1)], doneness: 'the base sounds hollow when tapped', tip: 'Bake the first 20 minutes with the lid on the Dutch oven, then uncover.' },
  { name: 'Banana Bread', group: 'baking', origin: 'Hawaii', tags: ['baking', 'family', 'budget'], method: 'bake', tempC: 175, cookMinutes: [55, 65], serves: 10, ingredients: [each('very ripe bananas', 3, 4), g('plain flour', 225, 250, 25), g('light brown sugar', 100, 150, 25), g('butter', 100, 125, 25)], doneness: 'a skewer comes out clean', tip: 'Bananas with black skins have roughly twice the sugar of yellow ones.' },
  { name: 'Cinnamon Rolls', group: 'baking', origin: 'Stockholm', tags: ['baking', 'sweet'], method: 'bake', tempC: 200, cookMinutes: [18, 22], serves: 12, ingredients: [g('strong white flour', 450, 500, 25), ml('whole milk', 250, 300, 25), g('soft butter', 75, 100, 25), g('ground cinnamon', 10, 15, 1)], doneness: 'the tops are deep golden', tip: 'The dough should double in size, which takes about 60 minutes at 24°C.' },
  { name: 'Shepherd\'s Pie', group: 'comfort', origin: 'Yorkshire', tags: ['family', 'comfort-food', 'meal-prep'], method: 'bake', tempC: 200, cookMinutes: [25, 30], serves: 6, ingredients: [g('lamb mince', 500, 750, 50), g('Maris Piper potatoes', 900, 1200, 100), g('carrots', 200, 250, 25), ml('lamb stock', 300, 400, 50)], doneness: 'the mash is browned at the edges', tip: 'Cool the filling for 15 minutes before topping so the mash does not sink.' },
  { name: 'Chili con Carne', group: 'comfort', origin: 'San Antonio', tags: ['family', 'comfort-food', 'meal-prep'], method: 'simmer', tempC: 0, cookMinutes: [60, 90], serves: 6, ingredients: [g('beef mince', 500, 750, 50), g('kidney beans', 400, 500, 50), g('chopped tomatoes', 400, 800, 400), g('ancho chilli powder', 10, 20, 5)], doneness: 'the sauce is thick and dark', tip: 'Chili tastes better on day 2 and freezes for up to 3 months.' },
  { name: 'Sheet-Pan Chicken Fajitas', group: 'comfort', origin: 'Texas', tags: ['quick-meals', 'family', 'chicken'], method: 'roast', tempC: 220, cookMinutes: [20, 25], serves: 4, ingredients: [g('chicken breast', 500, 700, 50), each('bell peppers', 3, 4), each('flour tortillas', 8, 12), g('smoked paprika', 5, 10, 5)], doneness: 'the peppers char at the edges', tip: 'Spread everything in one layer on a 30 × 40 cm tray so it roasts rather than steams.' },
  { name: 'Shakshuka', group: 'comfort', origin: 'Tunis', tags: ['vegetarian', 'eggs', 'quick-meals'], method: 'simmer', tempC: 0, cookMinutes: [15, 20], serves: 3, ingredients: [each('eggs', 5, 6), g('chopped tomatoes', 400, 800, 400), each('red peppers', 2, 3), g('feta', 80, 120, 20)], doneness: 'the whites are set and the yolks still run', tip: 'Cover the pan for the last 4 minutes so the tops of the eggs set.' },
];

const ANGLES = ['weeknight', 'beginner', 'classic', 'budget', 'make-ahead', 'family'] as const;
type Angle = (typeof ANGLES)[number];

const ANGLE_TAGS: Record<Angle, string> = {
  weeknight: 'quick-meals',
  beginner: 'beginner',
  classic: 'classic',
  budget: 'budget',
  'make-ahead': 'meal-prep',
  family: 'family',
};

function quantity(ingredient: Ingredient, rng: SeededRandom): string {
  const amount = rng.stepped(ingredient.min, ingredient.max, ingredient.step);
  return ingredient.unit === '' ? `${amount} ${ingredient.name}` : `${amount} ${ingredient.unit} of ${ingredient.name}`;
}

function cookingSentence(recipe: Recipe, minutes: number, rng: SeededRandom): string {
  const heat = `${recipe.tempC}°C (${fahrenheit(recipe.tempC)}°F)`;
  switch (recipe.method) {
    case 'bake':
      return oneOf(rng, [
        () => `Heat the oven to ${heat} and bake for ${minutes} minutes, until ${recipe.doneness}.`,
        () => `Bake at ${heat} for ${minutes} minutes; it is ready when ${recipe.doneness}.`,
        () => `It goes into a ${heat} oven for ${minutes} minutes, and you know it is done when ${recipe.doneness}.`,
      ]);
    case 'roast':
      return oneOf(rng, [
        () => `Roast at ${heat} for ${minutes} minutes, until ${recipe.doneness}.`,
        () => `Give it ${minutes} minutes in a ${heat} oven; stop when ${recipe.doneness}.`,
      ]);
    case 'simmer':
      return oneOf(rng, [
        () => `Keep it at a gentle simmer for ${minutes} minutes, until ${recipe.doneness}.`,
        () => `After ${minutes} minutes of slow simmering, ${recipe.doneness}.`,
        () => `Let it bubble quietly for ${minutes} minutes and check that ${recipe.doneness}.`,
      ]);
    case 'fry':
      return oneOf(rng, [
        () => `Cook over medium-high heat for ${minutes} minutes, until ${recipe.doneness}.`,
        () => `The pan work takes ${minutes} minutes in total, and you stop when ${recipe.doneness}.`,
      ]);
  }
}

function title(recipe: Recipe, angle: Angle, totalMinutes: number, rng: SeededRandom): string {
  switch (angle) {
    case 'weeknight':
      return `Weeknight ${recipe.name} in ${totalMinutes} Minutes`;
    case 'beginner':
      return rng.pick([`${recipe.name} for First-Time Cooks`, `Your First ${recipe.name}, Step by Step`]);
    case 'classic':
      return `Classic ${recipe.name} the ${recipe.origin} Way`;
    case 'budget':
      return `${recipe.name} on a Budget: Dinner for ${recipe.serves}`;
    case 'make-ahead':
      return rng.pick([`Make-Ahead ${recipe.name} for Busy Weeks`, `Batch-Cook ${recipe.name} on Sunday`]);
    case 'family':
      return `Family-Size ${recipe.name} Everyone Will Eat`;
  }
}

function angleSentence(recipe: Recipe, angle: Angle, prepMinutes: number): string {
  switch (angle) {
    case 'weeknight':
      return `This version trims the prep to ${prepMinutes} minutes, which makes it realistic after a full working day.`;
    case 'beginner':
      return `If you have never made ${recipe.name} before, follow the order below exactly; nothing here needs special equipment.`;
    case 'classic':
      return `We stay close to the way it is made in ${recipe.origin}, without shortcuts.`;
    case 'budget':
      return `Every ingredient here is a supermarket staple, and there are no expensive extras.`;
    case 'make-ahead':
      return `It reheats well, so one session of cooking covers several meals.`;
    case 'family':
      return `The quantities feed ${recipe.serves}, and the seasoning is mild enough for children.`;
  }
}

function compose(recipe: Recipe, angleName: string, rng: SeededRandom) {
  const angle = angleName as Angle;
  const cookMinutes = rng.int(recipe.cookMinutes[0], recipe.cookMinutes[1]);
  const prepMinutes = rng.stepped(10, 30, 5);
  const totalMinutes = cookMinutes + prepMinutes;
  const costPerPortion = rng.int(120, 420) / 100;
  const cost = Math.round(costPerPortion * recipe.serves * 100) / 100;
  const kcal = rng.stepped(320, 780, 10);
  const protein = rng.int(9, 42);
  const [first, second, third, fourth] = recipe.ingredients.map((i) => quantity(i, rng));

  const intro = [
    oneOf(rng, [
      () => `${recipe.name} comes from ${recipe.origin}, and cooks there still argue about the details.`,
      () => `In ${recipe.origin}, ${recipe.name} is everyday food rather than a special-occasion dish.`,
      () => `Few dishes travel as well as ${recipe.name}, which started out in ${recipe.origin}.`,
      () => `Ask anyone from ${recipe.origin} about ${recipe.name} and you will get a strong opinion.`,
    ]),
    angleSentence(recipe, angle, prepMinutes),
  ].join(' ');

  const shopping = oneOf(rng, [
    () => `You need ${first}, ${second} and ${third}, plus ${fourth}.`,
    () => `The shopping list is short: ${listOf([first ?? '', second ?? '', third ?? '', fourth ?? ''])}.`,
    () => `Start with ${first}; everything else, including ${second}, ${third} and ${fourth}, supports it.`,
  ]);
  const method = [
    oneOf(rng, [
      () => `Prep takes about ${prepMinutes} minutes.`,
      () => `Allow ${prepMinutes} minutes for chopping and measuring.`,
      () => `Getting everything ready takes roughly ${prepMinutes} minutes.`,
    ]),
    cookingSentence(recipe, cookMinutes, rng),
    oneOf(rng, [
      () => `From start to finish that is ${totalMinutes} minutes.`,
      () => `Altogether, dinner is ready in ${totalMinutes} minutes.`,
    ]),
  ].join(' ');

  const numbers = oneOf(rng, [
    () => `The recipe serves ${recipe.serves} and costs about ${money(cost, '$')} in total, roughly ${money(costPerPortion, '$')} a portion. Each serving has around ${kcal} kcal and ${protein} g of protein.`,
    () => `At around ${money(costPerPortion, '$')} per portion, a batch for ${recipe.serves} comes to ${money(cost, '$')}. Expect about ${kcal} kcal and ${protein} g of protein per plate.`,
    () => `Nutrition per serving works out at ${kcal} kcal with ${protein} g of protein, and the ingredients for ${recipe.serves} people cost close to ${money(cost, '$')}.`,
  ]);
  const storage = oneOf(rng, [
    () => `Leftovers keep for ${rng.int(2, 4)} days in the fridge at 4°C or below.`,
    () => `Store any leftovers in an airtight box in the fridge and eat them within ${rng.int(2, 3)} days.`,
    () => `Cooled quickly, it keeps for up to ${rng.int(2, 3)} months in the freezer at -18°C.`,
  ]);

  return {
    title: title(recipe, angle, totalMinutes, rng),
    paragraphs: [intro, `${shopping} ${method}`, `${numbers} ${capitalize(recipe.tip)} ${storage}`],
    tags: [...recipe.tags, ANGLE_TAGS[angle]],
    attributes: { cuisineOrigin: recipe.origin, totalMinutes, serves: recipe.serves, kcal },
    facts: { cookMinutes, prepMinutes, totalMinutes, costPerPortion, cost, kcal, protein, ...Object.fromEntries([first, second, third, fourth].map((text, index) => [`amount${index}`, Number.parseInt(text ?? '0', 10)])) },
  };
}

export const recipesCategory: DemoCategory<Recipe> = {
  key: 'recipes',
  motif: 'bowl',
  palettes: [
    ['#f4e1c1', '#e07a5f', '#3d405b', '#f2cc8f'],
    ['#fff1e6', '#d62828', '#003049', '#fcbf49'],
    ['#fefae0', '#bc6c25', '#283618', '#dda15e'],
  ],
  subjects: RECIPES,
  angles: ANGLES,
  compose,
};
