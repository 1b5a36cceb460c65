import type { DemoDevice, DemoUser } from '../demo-dataset.types.js';
import type { SeededRandom } from '../seeded-random.js';
import type { TasteProfile } from './taste-profile.js';

/** Locale, its country, and its share of the audience. */
const LOCALES: readonly (readonly [string, string, number])[] = [
  ['en-US', 'US', 0.33],
  ['en-GB', 'GB', 0.16],
  ['es-ES', 'ES', 0.13],
  ['es-MX', 'MX', 0.05],
  ['de-DE', 'DE', 0.11],
  ['fr-FR', 'FR', 0.09],
  ['en-CA', 'CA', 0.05],
  ['en-AU', 'AU', 0.04],
  ['it-IT', 'IT', 0.04],
];

/** Age bands with their audience share; 65+ and 18–29 are deliberately well represented. */
const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [18, 29, 0.24],
  [30, 44, 0.27],
  [45, 64, 0.27],
  [65, 79, 0.17],
  [80, 90, 0.05],
];

const DEVICE_BY_AGE: readonly (readonly [number, readonly [number, number, number]])[] = [
  [29, [0.72, 0.08, 0.2]],
  [64, [0.5, 0.14, 0.36]],
  [90, [0.36, 0.34, 0.3]],
];
const DEVICES: readonly DemoDevice[] = ['mobile', 'tablet', 'desktop'];

/** How much more (or less) each age band cares about a category than average. */
function categoryAffinity(category: string, age: number): number {
  const young = age < 30;
  const senior = age >= 65;
  switch (category) {
    case 'fitness':
      return young ? 2.2 : senior ? 0.7 : 1;
    case 'tech':
      return young ? 1.8 : senior ? 0.5 : 1.1;
    case 'personal-finance':
      return young ? 0.9 : senior ? 0.7 : 1.5;
    case 'gardening':
      return young ? 0.35 : senior ? 2.4 : 1;
    case 'travel':
      return senior ? 1.5 : 1;
    case 'recipes':
      return senior ? 1.3 : 1.1;
    default:
      return 1;
  }
}

export interface ClusterInfo {
  key: string;
  category: string;
  /** Tags most characteristic of the cluster's items, most frequent first. */
  tags: readonly string[];
}

export interface GeneratedAudience {
  users: DemoUser[];
  profiles: TasteProfile[];
}

function normalised(entries: { key: string; weight: number }[]): { key: string; weight: number }[] {
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  return entries.map((e) => ({ key: e.key, weight: e.weight / total }));
}

export function generateAudience(count: number, clusters: readonly ClusterInfo[], rng: SeededRandom): GeneratedAudience {
  const categories = [...new Set(clusters.map((c) => c.category))];
  const users: DemoUser[] = [];
  const profiles: TasteProfile[] = [];

  for (let i = 0; i < count; i++) {
    const id = `demo-user-${String(i + 1).padStart(5, '0')}`;
    const [ageMin, ageMax] = AGE_BANDS[rng.weightedIndex(AGE_BANDS.map((b) => b[2]))] ?? [30, 44];
    const age = rng.int(ageMin, ageMax);
    const [locale, country] = LOCALES[rng.weightedIndex(LOCALES.map((l) => l[2]))] ?? ['en-US', 'US'];
    const deviceShares = (DEVICE_BY_AGE.find(([maxAge]) => age <= maxAge) ?? DEVICE_BY_AGE[0])?.[1] ?? [1, 0, 0];
    const device = DEVICES[rng.weightedIndex(deviceShares)] ?? 'mobile';

    // Two or three favourite clusters, picked with the age band's category leanings.
    const clusterWeights = clusters.map((c) => categoryAffinity(c.category, age));
    const favourites: ClusterInfo[] = [];
    const favouriteCount = rng.weightedIndex([0, 0.2, 0.5, 0.3]);
    while (favourites.length < favouriteCount) {
      const index = rng.weightedIndex(clusterWeights);
      clusterWeights[index] = 0;
      favourites.push(clusters[index] as ClusterInfo);
    }
    const clusterProfile = normalised(favourites.map((c, rank) => ({ key: c.key, weight: (1 + rng.next()) / (rank + 1) })));
    const categoryProfile = normalised(
      categories.map((key) => ({
        key,
        weight: categoryAffinity(key, age) * (favourites.some((f) => f.category === key) ? 4 : 1) * (0.5 + rng.next()),
      })),
    );

    // Interests are what the user told the platform: mostly true to their taste, sometimes not.
    const interests = new Set<string>();
    for (const favourite of favourites) {
      if (rng.chance(0.85)) interests.add(favourite.category);
      for (const tag of favourite.tags.slice(0, 3)) if (rng.chance(0.45)) interests.add(tag);
    }
    if (rng.chance(0.25)) interests.add(rng.pick(categories));
    if (age >= 28 && age <= 50 && rng.chance(0.35)) interests.add(rng.pick(['family', 'quick-meals', 'kids']));
    if (interests.size === 0) interests.add(favourites[0]?.category ?? rng.pick(categories));

    users.push({ id, attributes: { age, locale, interests: [...interests].sort(), device, country } });
    profiles.push({
      userId: id,
      clusters: clusterProfile,
      categories: categoryProfile,
      activity: Math.exp(rng.normal() * 0.8),
    });
  }
  return { users, profiles };
}
