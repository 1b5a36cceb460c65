import type { TEventType } from '@persona/shared';
import type { TasteProfile } from '../audience/taste-profile.js';
import type { DemoInteraction, DemoItem } from '../demo-dataset.types.js';
import type { SeededRandom } from '../seeded-random.js';
import { WeightedSampler } from './weighted-sampler.js';

const DAY_MS = 86_400_000;
/** Chance that a user who just read a series part goes straight on to the next one. */
const NEXT_PART_PROBABILITY = 0.4;
/** Share of the remaining choices made inside the user's favourite clusters, then their categories. */
const FAVOURITE_CLUSTER_SHARE = 0.74;
const FAVOURITE_CATEGORY_SHARE = 0.16;
const MIN_PER_USER = 4;
const MAX_ATTEMPTS = 12;

const EVENT_TYPES: readonly TEventType[] = ['view', 'click', 'like', 'share', 'purchase'];
/** Users engage more deeply with what they love than with what they stumble upon. */
const ENGAGED_MIX = [0.5, 0.28, 0.11, 0.05, 0.06];
const CASUAL_MIX = [0.74, 0.2, 0.03, 0.01, 0.02];

interface ItemIndex {
  publishedAt: Float64Array;
  byCluster: Map<string, WeightedSampler<number>>;
  byCategory: Map<string, WeightedSampler<number>>;
  global: WeightedSampler<number>;
  /** Item indices from most to least popular, the fallback when sampling keeps missing. */
  popularityOrder: number[];
  nextPart: Int32Array;
}

/**
 * Item appeal = Zipf-like popularity (a random rank per item, exponent 1.15) times a recency boost,
 * so a few items dominate counts, as on a real platform.
 */
function indexItems(items: readonly DemoItem[], rng: SeededRandom, now: Date): ItemIndex {
  const ranks = rng.shuffle(items.map((_, i) => i));
  const appeal = new Array<number>(items.length).fill(0);
  ranks.forEach((itemIndex, rank) => {
    const item = items[itemIndex] as DemoItem;
    const ageDays = (now.getTime() - Date.parse(item.publishedAt)) / DAY_MS;
    appeal[itemIndex] = Math.pow(rank + 4, -1.15) * (0.6 + Math.exp(-ageDays / 120));
  });

  const groupOf = (key: 'group' | 'category') => {
    const members = new Map<string, number[]>();
    items.forEach((item, i) => {
      const k = key === 'group' ? String(item.attributes.group) : item.category;
      members.set(k, [...(members.get(k) ?? []), i]);
    });
    return new Map(
      [...members].map(([k, indices]) => [k, new WeightedSampler(indices, indices.map((i) => appeal[i] as number))]),
    );
  };

  const seriesPosition = new Map<string, number>();
  items.forEach((item, i) => seriesPosition.set(`${item.attributes.seriesId}#${item.attributes.seriesPart}`, i));
  const nextPart = new Int32Array(items.length).fill(-1);
  items.forEach((item, i) => {
    const next = seriesPosition.get(`${item.attributes.seriesId}#${Number(item.attributes.seriesPart) + 1}`);
    if (next !== undefined) nextPart[i] = next;
  });

  const all = items.map((_, i) => i);
  return {
    publishedAt: Float64Array.from(items, (item) => Date.parse(item.publishedAt)),
    byCluster: groupOf('group'),
    byCategory: groupOf('category'),
    global: new WeightedSampler(all, appeal),
    popularityOrder: [...all].sort((a, b) => (appeal[b] as number) - (appeal[a] as number)),
    nextPart,
  };
}

/** Splits `total` over users in proportion to their activity (largest remainder), with a floor. */
function budgets(profiles: readonly TasteProfile[], total: number, cap: number): number[] {
  const floor = Math.min(MIN_PER_USER, Math.floor(total / Math.max(1, profiles.length)));
  const spare = total - floor * profiles.length;
  const activity = profiles.reduce((sum, p) => sum + p.activity, 0);
  const raw = profiles.map((p) => (spare * p.activity) / activity);
  const result = raw.map((r) => Math.min(cap, floor + Math.floor(r)));
  let missing = total - result.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let pass = 0; missing > 0 && pass < cap; pass++) {
    for (const [, i] of order) {
      if (missing === 0) break;
      if ((result[i] as number) < cap) {
        result[i] = (result[i] as number) + 1;
        missing--;
      }
    }
  }
  return result;
}

function eventType(engaged: boolean, rng: SeededRandom): TEventType {
  return EVENT_TYPES[rng.weightedIndex(engaged ? ENGAGED_MIX : CASUAL_MIX)] ?? 'view';
}

export function generateInteractions(
  items: readonly DemoItem[],
  profiles: readonly TasteProfile[],
  total: number,
  rng: SeededRandom,
  now: Date,
): DemoInteraction[] {
  const index = indexItems(items, rng, now);
  const perUser = budgets(profiles, total, Math.max(MIN_PER_USER, Math.floor(items.length * 0.6)));
  const interactions: DemoInteraction[] = [];

  profiles.forEach((profile, u) => {
    const count = perUser[u] as number;
    const clusterSampler = new WeightedSampler(profile.clusters.map((c) => c.key), profile.clusters.map((c) => c.weight));
    const categorySampler = new WeightedSampler(profile.categories.map((c) => c.key), profile.categories.map((c) => c.weight));

    // Each user is active over their own window inside the last five months.
    const end = now.getTime() - rng.int(1, 5 * 24) * 3_600_000;
    const start = end - rng.int(20, 150) * DAY_MS;
    const times = Array.from({ length: count }, () => Math.floor(start + rng.next() * (end - start))).sort((a, b) => a - b);

    const seen = new Set<number>();
    let previous = -1;
    times.forEach((time, k) => {
      const at = Math.max(time, k > 0 ? (times[k - 1] as number) + 1000 : time);
      times[k] = at;
      const available = (i: number) => i >= 0 && !seen.has(i) && (index.publishedAt[i] as number) <= at;

      let chosen = -1;
      let engaged = true;
      const following = previous >= 0 ? (index.nextPart[previous] as number) : -1;
      if (available(following) && rng.chance(NEXT_PART_PROBABILITY)) chosen = following;
      for (let attempt = 0; chosen < 0 && attempt < MAX_ATTEMPTS; attempt++) {
        const roll = rng.next();
        let candidate: number;
        if (roll < FAVOURITE_CLUSTER_SHARE && profile.clusters.length > 0) {
          candidate = index.byCluster.get(clusterSampler.draw(rng))?.draw(rng) ?? -1;
          engaged = true;
        } else if (roll < FAVOURITE_CLUSTER_SHARE + FAVOURITE_CATEGORY_SHARE) {
          candidate = index.byCategory.get(categorySampler.draw(rng))?.draw(rng) ?? -1;
          engaged = false;
        } else {
          candidate = index.global.draw(rng);
          engaged = false;
        }
        if (available(candidate)) chosen = candidate;
      }
      if (chosen < 0) {
        chosen = index.popularityOrder.find(available) ?? -1;
        engaged = false;
      }
      if (chosen < 0) return;

      seen.add(chosen);
      previous = chosen;
      interactions.push({
        id: `demo-event-${String(interactions.length + 1).padStart(6, '0')}`,
        userId: profile.userId,
        itemExternalId: (items[chosen] as DemoItem).externalId,
        type: eventType(engaged, rng),
        at: new Date(at).toISOString(),
      });
    });
  });

  return interactions;
}
