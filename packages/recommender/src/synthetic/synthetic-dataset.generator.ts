import type { TEventType } from '@persona/shared';
import type { EvaluationDataset } from '../eval/evaluation-dataset.js';
import { seededRandom } from '../eval/seeded-random.js';
import type { CatalogItem, Interaction } from '../recommender.types.js';

export interface SyntheticDatasetOptions {
  items: number;
  users: number;
  interactions: number;
  /** Latent topics; users favour one to three of them. */
  topics?: number;
  seed?: number;
  /** Epoch milliseconds of the newest event. */
  now?: number;
}

const DAY_MS = 86_400_000;
const EVENT_TYPES: readonly TEventType[] = ['view', 'view', 'view', 'click', 'click', 'like', 'share', 'purchase'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sul', 'pe', 'dri', 'no', 'gan', 'shi', 'tor', 'bel', 'fa', 'qui'];
/** Share of a user's events inside their favourite topics; the rest are drawn from the whole catalog. */
const IN_TOPIC_SHARE = 0.8;
const HISTORY_DAYS = 120;

/**
 * A large seeded dataset with learnable structure (topics with their own vocabulary, Zipf item
 * popularity, users with favourite topics, heavy-tailed activity), for benchmarks at sizes the demo
 * data does not reach: e.g. 10k items, 100k users, 1M interactions.
 */
export function generateSyntheticDataset(options: SyntheticDatasetOptions): EvaluationDataset {
  const random = seededRandom(options.seed ?? 42);
  const topics = options.topics ?? Math.max(4, Math.round(Math.sqrt(options.items)));
  const now = options.now ?? Date.UTC(2025, 5, 1);
  const word = () => (SYLLABLES[Math.floor(random() * SYLLABLES.length)] as string) + (SYLLABLES[Math.floor(random() * SYLLABLES.length)] as string);
  const vocabularies = Array.from({ length: topics }, () => Array.from({ length: 12 }, word));
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;

  const items: CatalogItem[] = [];
  const byTopic: number[][] = Array.from({ length: topics }, () => []);
  for (let i = 0; i < options.items; i++) {
    const topic = i % topics;
    const vocabulary = vocabularies[topic] as string[];
    byTopic[topic]?.push(i);
    items.push({
      id: `syn-item-${i}`,
      title: `${pick(vocabulary)} ${pick(vocabulary)} ${word()} ${i}`,
      body: Array.from({ length: 24 }, () => (random() < 0.6 ? pick(vocabulary) : word())).join(' '),
      category: `topic-${topic % 12}`,
      tags: [`t${topic}`, pick(vocabulary)],
      publishedAt: now - Math.floor(random() * 365) * DAY_MS,
    });
  }
  // Zipf popularity inside each topic: the k-th item of a topic weighs 1/(k+1).
  const cumulative = byTopic.map((members) => {
    const sums = new Float64Array(members.length);
    let total = 0;
    members.forEach((_, k) => (sums[k] = total += 1 / (k + 1)));
    return sums;
  });
  const drawFrom = (topic: number) => {
    const sums = cumulative[topic] as Float64Array;
    const target = random() * (sums[sums.length - 1] ?? 0);
    let low = 0;
    let high = sums.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sums[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return (byTopic[topic] as number[])[low] as number;
  };

  const activity = Array.from({ length: options.users }, () => Math.pow(random(), 2) + 0.05);
  const totalActivity = activity.reduce((a, b) => a + b, 0);
  const interactions: Interaction[] = [];
  for (let u = 0; u < options.users; u++) {
    const count = Math.max(1, Math.round(((activity[u] as number) / totalActivity) * options.interactions));
    const favourites = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * topics));
    const start = now - Math.floor(random() * HISTORY_DAYS) * DAY_MS;
    for (let k = 0; k < count && interactions.length < options.interactions; k++) {
      const topic = random() < IN_TOPIC_SHARE ? pick(favourites) : Math.floor(random() * topics);
      interactions.push({
        userId: `syn-user-${u}`,
        itemId: `syn-item-${drawFrom(topic)}`,
        type: pick(EVENT_TYPES),
        at: Math.min(now, start + Math.floor(random() * (now - start + DAY_MS))),
      });
    }
  }
  return { name: `synthetic-${options.items}x${options.users}x${options.interactions}`, items, interactions };
}
