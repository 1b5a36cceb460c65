import { demoSegments, generateDemoDataset, renderDemoImage } from '@persona/demo-data';
import { expect } from 'vitest';
import { multipartFile } from './multipart.js';
import type { TestApp } from './test-app.js';

type Request = TestApp['request'];

/**
 * A small catalog with two segments of our own and, for three items, the review states the feed
 * must respect — all through the public API:
 *  - `both`: two approved text variants for seniors (A, then B with an approved square image drawn
 *    from B's headline), a draft one (D), and an approved one for the over-50s (C);
 *  - `draftOnly`: a draft text variant for seniors only;
 *  - `rejectedOnly`: a rejected one for seniors and an approved one for the over-50s.
 * Seniors (age ≥ 65, priority 1000) outrank over-50s (age ≥ 50, priority 900): a 70-year-old
 * matches both and belongs to seniors.
 */
export async function deliveryFixture(request: Request, items = 12) {
  const dataset = generateDemoDataset({ items, users: 5, interactions: 5 });
  const style = demoSegments().find((s) => /senior/i.test(s.name))!.style;
  const ids: string[] = [];
  for (const { image: _image, ...item } of dataset.items) {
    const created = await request({ method: 'POST', url: '/v1/items', body: item });
    expect(created.statusCode).toBe(201);
    ids.push(created.json().id);
  }
  const seniors = (await request({ method: 'POST', url: '/v1/segments', body: { name: 'Test seniors', rule: { attr: 'age', gte: 65 }, priority: 1000, style } })).json().id as string;
  const over50s = (await request({ method: 'POST', url: '/v1/segments', body: { name: 'Test over-50s', rule: { attr: 'age', gte: 50 }, priority: 900, style } })).json().id as string;
  return { ids, seniors, over50s, style };
}

export async function reviewStates(
  request: Request,
  fixture: Awaited<ReturnType<typeof deliveryFixture>>,
  [both, draftOnly, rejectedOnly]: [string, string, string],
) {
  const { seniors, over50s, style } = fixture;
  const image = await renderDemoImage(generateDemoDataset({ items: 1, users: 1, interactions: 1 }).items[0]!.image);
  const asset = (await request({ method: 'POST', url: '/v1/assets', ...multipartFile(image, 'item.jpg', 'image/jpeg') })).json();
  expect((await request({ method: 'PATCH', url: `/v1/items/${both}`, body: { imageAssetId: asset.id } })).statusCode).toBe(200);

  const preview = async (itemId: string, segmentId: string, kinds: string[] = ['text']) => {
    const res = await request({ method: 'POST', url: `/v1/items/${itemId}/variants/preview`, body: { segmentIds: [segmentId], kinds, textEngine: 'template', imageEngine: 'sharp', formats: ['square'] } });
    expect(res.statusCode).toBe(200);
    return res.json().items as { id: string; kind: string }[];
  };
  const review = async (id: string, status: string) => {
    const res = await request({ method: 'PATCH', url: `/v1/variants/${id}`, body: { status } });
    expect(res.statusCode).toBe(200);
  };
  // A segment's style is part of a variant's inputs: a changed style gives the same item a new variant.
  const restyle = async (targetWords: number) => {
    expect((await request({ method: 'PATCH', url: `/v1/segments/${seniors}`, body: { style: { ...style, targetWords } } })).statusCode).toBe(200);
  };

  const [a] = await preview(both, seniors);
  await review(a!.id, 'approved');
  await restyle(style.targetWords + 40);
  const generated = await preview(both, seniors, ['text', 'image']);
  const b = generated.find((v) => v.kind === 'text')!;
  const bImage = generated.find((v) => v.kind === 'image')!;
  await review(b.id, 'approved');
  await review(bImage.id, 'approved');
  const [c] = await preview(both, over50s);
  await review(c!.id, 'approved');
  await restyle(style.targetWords + 80);
  const [d] = await preview(both, seniors);
  await preview(draftOnly, seniors);
  const [rejected] = await preview(rejectedOnly, seniors);
  await review(rejected!.id, 'rejected');
  const [other] = await preview(rejectedOnly, over50s);
  await review(other!.id, 'approved');
  await restyle(style.targetWords);
  return { a: a!.id, b: b.id, bImage: bImage.id, c: c!.id, d: d!.id, imageAssetId: asset.id as string };
}
