import type { SeededRandom } from '../seeded-random.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { fahrenheit, oneOf, countOf } from './text.helpers.js';

interface Plant extends CategorySubject {
  readonly varieties: readonly [string, string];
  readonly sowMonth: string;
  readonly depthCm: number;
  readonly spacingCm: readonly [number, number];
  readonly germinationDays: readonly [number, number];
  readonly soilTempC: number;
  readonly ph: readonly [number, number];
  readonly daysToHarvest: readonly [number, number];
  readonly litresPerWeek: readonly [number, number];
  readonly pest: string;
  readonly companion: string;
}

const PLANTS: readonly Plant[] = [
  { name: 'Tomatoes', group: 'vegetables', tags: ['vegetables', 'grow-your-own', 'greenhouse'], varieties: ['Sungold', 'San Marzano'], sowMonth: 'March', depthCm: 0.5, spacingCm: [45, 60], germinationDays: [6, 10], soilTempC: 21, ph: [6.2, 6.8], daysToHarvest: [65, 85], litresPerWeek: [8, 12], pest: 'blight', companion: 'basil' },
  { name: 'Garlic', group: 'vegetables', tags: ['vegetables', 'grow-your-own', 'easy-grow'], varieties: ['Music', 'Solent Wight'], sowMonth: 'October', depthCm: 5, spacingCm: [12, 15], germinationDays: [14, 28], soilTempC: 8, ph: [6, 7], daysToHarvest: [240, 270], litresPerWeek: [2, 4], pest: 'rust', companion: 'carrots' },
  { name: 'Potatoes', group: 'vegetables', tags: ['vegetables', 'grow-your-own', 'allotment'], varieties: ['Charlotte', 'Maris Piper'], sowMonth: 'April', depthCm: 12, spacingCm: [30, 40], germinationDays: [14, 21], soilTempC: 7, ph: [5, 6], daysToHarvest: [90, 120], litresPerWeek: [10, 15], pest: 'potato blight', companion: 'French marigolds' },
  { name: 'Courgettes', group: 'vegetables', tags: ['vegetables', 'grow-your-own', 'easy-grow'], varieties: ['Defender', 'Black Beauty'], sowMonth: 'May', depthCm: 2, spacingCm: [90, 100], germinationDays: [5, 8], soilTempC: 18, ph: [6, 7.5], daysToHarvest: [45, 60], litresPerWeek: [10, 15], pest: 'powdery mildew', companion: 'nasturtiums' },
  { name: 'Basil', group: 'herbs', tags: ['herbs', 'container-gardening', 'kitchen-garden'], varieties: ['Genovese', 'Thai Siam Queen'], sowMonth: 'April', depthCm: 0.5, spacingCm: [20, 25], germinationDays: [5, 10], soilTempC: 21, ph: [6, 7], daysToHarvest: [30, 40], litresPerWeek: [2, 3], pest: 'aphids', companion: 'tomatoes' },
  { name: 'Rosemary', group: 'herbs', tags: ['herbs', 'perennials', 'drought-tolerant'], varieties: ['Miss Jessopp\'s Upright', 'Tuscan Blue'], sowMonth: 'May', depthCm: 0.3, spacingCm: [60, 90], germinationDays: [14, 21], soilTempC: 18, ph: [6, 7.5], daysToHarvest: [80, 100], litresPerWeek: [1, 2], pest: 'rosemary beetle', companion: 'sage' },
  { name: 'Mint', group: 'herbs', tags: ['herbs', 'container-gardening', 'easy-grow'], varieties: ['Moroccan', 'Chocolate Mint'], sowMonth: 'April', depthCm: 0.5, spacingCm: [30, 45], germinationDays: [10, 15], soilTempC: 18, ph: [6, 7], daysToHarvest: [60, 90], litresPerWeek: [3, 5], pest: 'mint rust', companion: 'cabbages' },
  { name: 'Chillies', group: 'herbs', tags: ['container-gardening', 'greenhouse', 'kitchen-garden'], varieties: ['Jalapeño', 'Apache'], sowMonth: 'February', depthCm: 0.5, spacingCm: [40, 50], germinationDays: [7, 14], soilTempC: 25, ph: [6, 6.8], daysToHarvest: [70, 90], litresPerWeek: [3, 5], pest: 'red spider mite', companion: 'basil' },
  { name: 'Roses', group: 'flowers', tags: ['flowers', 'perennials', 'cottage-garden'], varieties: ['Gertrude Jekyll', 'Lady of Shalott'], sowMonth: 'November', depthCm: 40, spacingCm: [60, 90], germinationDays: [21, 30], soilTempC: 8, ph: [6, 6.5], daysToHarvest: [150, 180], litresPerWeek: [10, 15], pest: 'black spot', companion: 'catmint' },
  { name: 'Dahlias', group: 'flowers', tags: ['flowers', 'cut-flowers', 'summer-colour'], varieties: ['Café au Lait', 'Bishop of Llandaff'], sowMonth: 'May', depthCm: 10, spacingCm: [45, 60], germinationDays: [14, 21], soilTempC: 15, ph: [6.5, 7], daysToHarvest: [90, 120], litresPerWeek: [8, 10], pest: 'slugs', companion: 'cosmos' },
  { name: 'Sweet Peas', group: 'flowers', tags: ['flowers', 'cut-flowers', 'cottage-garden'], varieties: ['Matucana', 'Mrs Collier'], sowMonth: 'October', depthCm: 1.5, spacingCm: [15, 20], germinationDays: [10, 14], soilTempC: 12, ph: [7, 7.5], daysToHarvest: [100, 120], litresPerWeek: [5, 8], pest: 'pea moth', companion: 'runner beans' },
  { name: 'Lavender', group: 'flowers', tags: ['flowers', 'perennials', 'pollinators'], varieties: ['Hidcote', 'Munstead'], sowMonth: 'March', depthCm: 0.3, spacingCm: [40, 60], germinationDays: [14, 28], soilTempC: 18, ph: [6.5, 7.5], daysToHarvest: [110, 150], litresPerWeek: [1, 2], pest: 'rosemary beetle', companion: 'roses' },
];

const ANGLES = ['beginner', 'containers', 'calendar', 'problems', 'harvest', 'varieties'] as const;
type Angle = (typeof ANGLES)[number];

function title(plant: Plant, angle: Angle, rng: SeededRandom): string {
  switch (angle) {
    case 'beginner':
      return rng.pick([`Growing ${plant.name} for the First Time`, `${plant.name} for Beginner Gardeners`]);
    case 'containers':
      return `${plant.name} in Pots and Small Spaces`;
    case 'calendar':
      return `A Month-by-Month Calendar for ${plant.name}`;
    case 'problems':
      return `Fixing Common Problems with ${plant.name}`;
    case 'harvest':
      return `When and How to Harvest ${plant.name}`;
    case 'varieties':
      return `${plant.varieties[0]} or ${plant.varieties[1]}? Choosing ${plant.name}`;
  }
}

function angleSentence(plant: Plant, angle: Angle, rng: SeededRandom): string {
  switch (angle) {
    case 'beginner':
      return `Start with ${rng.int(3, 6)} plants rather than a whole bed; it is easier to learn on a few.`;
    case 'containers':
      return `A pot of at least ${rng.stepped(20, 40, 5)} litres is enough, as long as it has drainage holes and sits in ${rng.int(6, 8)} hours of sun.`;
    case 'calendar':
      return `Sow in ${plant.sowMonth}, feed every ${rng.int(10, 14)} days once growth takes off, and plan the main clear-up ${rng.int(2, 3)} weeks after the last harvest.`;
    case 'problems':
      return `The problem gardeners ask about most is ${plant.pest}; catching it in the first ${rng.int(3, 7)} days makes all the difference.`;
    case 'harvest':
      return `Pick in the morning, when plants are full of water, and use clean, sharp snips.`;
    case 'varieties':
      return `'${plant.varieties[0]}' is the safer choice for a first year, while '${plant.varieties[1]}' rewards a little more care.`;
  }
}

function compose(plant: Plant, angleName: string, rng: SeededRandom) {
  const angle = angleName as Angle;
  const [favourite, alternative] = plant.varieties;
  const spacing = rng.stepped(plant.spacingCm[0], plant.spacingCm[1], 5);
  const germination = rng.int(plant.germinationDays[0], plant.germinationDays[1]);
  const harvestDays = rng.int(plant.daysToHarvest[0], plant.daysToHarvest[1]);
  const litres = rng.int(plant.litresPerWeek[0], plant.litresPerWeek[1]);
  const seedCost = rng.int(199, 449) / 100;
  const garden = rng.pick(['RHS Garden Wisley', 'Kew Gardens', 'Great Dixter', 'Sissinghurst Castle Garden', 'the Eden Project']);

  const intro = [
    oneOf(rng, [
      () => `Growing ${plant.name.toLowerCase()} is one of the most rewarding jobs in the garden, and '${favourite}' is a good place to start.`,
      () => `Gardeners at ${garden} grow ${plant.name.toLowerCase()} every year, often the variety '${favourite}'.`,
      () => `If you only try one new crop this season, make it ${plant.name.toLowerCase()}: '${favourite}' and '${alternative}' both do well in ordinary soil.`,
    ]),
    angleSentence(plant, angle, rng),
  ].join(' ');
  const sowing = oneOf(rng, [
    () => `Sow in ${plant.sowMonth}, ${plant.depthCm} cm deep, once the soil reaches ${plant.soilTempC}°C (${fahrenheit(plant.soilTempC)}°F). Expect shoots in ${germination} days.`,
    () => `Plant ${plant.depthCm} cm deep in ${plant.sowMonth}. Below a soil temperature of ${plant.soilTempC}°C (${fahrenheit(plant.soilTempC)}°F) little happens, but in warm soil shoots appear after about ${germination} days.`,
    () => `${plant.sowMonth} is the month to start. Set them ${plant.depthCm} cm down in soil at ${plant.soilTempC}°C or warmer, and look for the first growth around day ${germination}.`,
  ]);
  const spacingText = oneOf(rng, [
    () => `Space plants ${spacing} cm apart and aim for a soil pH between ${plant.ph[0]} and ${plant.ph[1]}.`,
    () => `Give each plant ${spacing} cm; crowding invites disease. A pH of ${plant.ph[0]} to ${plant.ph[1]} suits them best.`,
  ]);
  const care = oneOf(rng, [
    () => `In summer they need about ${countOf(litres, 'litres')} of water per plant each week, given in one or two deep soakings rather than daily sprinkles.`,
    () => `Water deeply, roughly ${countOf(litres, 'litres')} per plant a week, and mulch with ${rng.int(5, 8)} cm of compost to hold moisture.`,
  ]);
  const harvest = oneOf(rng, [
    () => `The first harvest comes around ${harvestDays} days after planting.`,
    () => `Count on roughly ${harvestDays} days from planting to the first harvest.`,
  ]);
  const extras = oneOf(rng, [
    () => `Grow ${plant.companion} nearby; it helps keep ${plant.pest} in check. A packet of seed costs about £${seedCost.toFixed(2)}.`,
    () => `Watch for ${plant.pest} and remove affected growth at once. Planting ${plant.companion} alongside makes a real difference.`,
    () => `Plant ${plant.companion} as a neighbour, and expect to pay around £${seedCost.toFixed(2)} for a packet of '${alternative}' seed.`,
  ]);

  const record = oneOf(rng, [
    () => `Keep a simple notebook of sowing dates and yields; after ${rng.int(2, 3)} seasons it becomes the best guide you own.`,
    () => `Label every row with the variety and the date, because by midsummer you will not remember which was which.`,
    () => `Save the seed packet: the back usually lists the frost dates and spacing for your region.`,
  ]);
  return {
    title: title(plant, angle, rng),
    paragraphs: [intro, `${sowing} ${spacingText}`, `${care} ${harvest} ${extras} ${record}`],
    tags: [...plant.tags, angle === 'containers' ? 'small-spaces' : 'seasonal'],
    attributes: { sowMonth: plant.sowMonth, daysToHarvest: harvestDays, spacingCm: spacing },
    facts: { spacing, germination, harvestDays, litres, seedCost },
  };
}

export const gardeningCategory: DemoCategory<Plant> = {
  key: 'gardening',
  motif: 'leaf',
  palettes: [
    ['#f0efeb', '#a3b18a', '#3a5a40', '#dad7cd'],
    ['#fefae0', '#606c38', '#283618', '#dda15e'],
    ['#f2e8cf', '#6a994e', '#386641', '#bc4749'],
  ],
  subjects: PLANTS,
  angles: ANGLES,
  compose,
};
