import { generateDemoDataset } from '@persona/demo-data';
import type { EvaluationDataset } from '../src/index.js';

/** The demo catalog and interaction log (seeded), keyed by the demo items' external ids. */
export function demoEvaluationDataset(): EvaluationDataset {
  const demo = generateDemoDataset();
  return {
    name: 'demo',
    items: demo.items.map((item) => ({
      id: item.externalId,
      title: item.title,
      body: item.body,
      category: item.category,
      tags: item.tags,
      publishedAt: Date.parse(item.publishedAt),
    })),
    interactions: demo.interactions.map((event) => ({ userId: event.userId, itemId: event.itemExternalId, type: event.type, at: Date.parse(event.at) })),
  };
}
