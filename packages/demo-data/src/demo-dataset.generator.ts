import type { TasteProfile } from './audience/taste-profile.js';
import type { ClusterInfo } from './audience/user-audience.generator.js';
import { generateAudience } from './audience/user-audience.generator.js';
import { generateItems } from './catalog/item-catalog.generator.js';
import type { DemoDataset, DemoDatasetOptions, DemoItem } from './demo-dataset.types.js';
import { generateInteractions } from './interactions/interaction.generator.js';
import { SeededRandom } from './seeded-random.js';
import { demoSegments } from './segments/demo-segments.js';

export const DEMO_DATASET_DEFAULTS = {
  seed: 20240601,
  items: 360,
  users: 2400,
  interactions: 60_000,
  /** Fixed so the default dataset is byte-identical run to run; pass the real now for live seeding. */
  now: new Date('2025-06-01T12:00:00.000Z'),
} as const;

/** Taste clusters with their most frequent tags, which is what users list as interests. */
function clustersOf(items: readonly DemoItem[]): ClusterInfo[] {
  const tagCounts = new Map<string, Map<string, number>>();
  const categoryOf = new Map<string, string>();
  for (const item of items) {
    const key = String(item.attributes.group);
    categoryOf.set(key, item.category);
    const counts = tagCounts.get(key) ?? new Map<string, number>();
    for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    tagCounts.set(key, counts);
  }
  return [...tagCounts].map(([key, counts]) => ({
    key,
    category: categoryOf.get(key) ?? key,
    tags: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag),
  }));
}

export function generateDemoDataset(options: DemoDatasetOptions = {}): DemoDataset {
  const { tastes: _tastes, ...dataset } = generateDemoWorld(options);
  return dataset;
}

/**
 * The dataset and the hidden taste of each user it was sampled from: what a user simulator needs
 * to know how much a user wants an item (the platform never sees it).
 */
export function generateDemoWorld(options: DemoDatasetOptions = {}): DemoDataset & { tastes: TasteProfile[] } {
  const seed = options.seed ?? DEMO_DATASET_DEFAULTS.seed;
  const now = options.now ?? DEMO_DATASET_DEFAULTS.now;
  const itemCount = options.items ?? DEMO_DATASET_DEFAULTS.items;
  const userCount = options.users ?? DEMO_DATASET_DEFAULTS.users;
  const interactionCount = options.interactions ?? DEMO_DATASET_DEFAULTS.interactions;

  const items = generateItems(itemCount, SeededRandom.derive(seed, 'items'), now);
  const { users, profiles } = generateAudience(userCount, clustersOf(items), SeededRandom.derive(seed, 'users'));
  const interactions = generateInteractions(items, profiles, interactionCount, SeededRandom.derive(seed, 'interactions'), now);
  return { items, users, segments: demoSegments(), interactions, tastes: profiles };
}
