import { generateDemoDataset, type DemoDataset } from '@persona/demo-data';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/**
 * Loads a small slice of the demo dataset through the public API (import, users, segments,
 * events), the way an integrating platform would. Returns the dataset and external → item ids.
 */
export async function loadDemoSlice(
  app: TestApp,
  size = { items: 150, users: 400, interactions: 8000 },
): Promise<{ dataset: DemoDataset; itemId: Map<string, string> }> {
  const dataset = generateDemoDataset(size);
  const ndjson = dataset.items.map(({ image: _image, ...item }) => JSON.stringify(item)).join('\n');
  const report = (
    await app.request({ method: 'POST', url: '/v1/items/import', payload: ndjson, headers: { 'content-type': 'application/x-ndjson' } })
  ).json();
  expect(report.failed).toBe(0);
  const itemId = new Map<string, string>();
  for (const item of (await app.request({ method: 'GET', url: '/v1/items?limit=500' })).json().items) {
    itemId.set(item.externalId, item.id);
  }
  await app.request({ method: 'POST', url: '/v1/users/bulk', body: { users: dataset.users } });
  for (const segment of dataset.segments) await app.request({ method: 'POST', url: '/v1/segments', body: segment });
  const events = dataset.interactions.map((e) => ({ id: e.id, userId: e.userId, itemId: itemId.get(e.itemExternalId)!, type: e.type, at: e.at }));
  for (let start = 0; start < events.length; start += 5000) {
    const res = await app.request({ method: 'POST', url: '/v1/events', body: { events: events.slice(start, start + 5000) } });
    expect(res.json().rejected).toEqual([]);
  }
  return { dataset, itemId };
}
