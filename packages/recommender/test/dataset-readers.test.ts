import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInteractionsCsv, readMovieLens100k, readMovieLensLatest, RecommenderError } from '../src/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rec-datasets-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const flags = (...on: number[]) => Array.from({ length: 19 }, (_, g) => (on.includes(g) ? '1' : '0')).join('|');

describe('dataset readers', () => {
  it('reads MovieLens 100K (u.data, latin1 u.item)', async () => {
    const ml = join(dir, 'ml-100k');
    await mkdir(ml);
    await writeFile(join(ml, 'u.data'), '196\t242\t3\t881250949\n186\t302\t5\t891717742\n');
    const items = [`242|Kolya (1996)|24-Jan-1997||http://x|${flags(5)}`, `302|L.A. Confidential (1997)|01-Jan-1997||http://y|${flags(6, 10, 16)}`];
    await writeFile(join(ml, 'u.item'), Buffer.from(`${items.join('\n')}\n303|Cr\u00e9dit (1997)|01-Jan-1997||http://z|${flags(8)}\n`, 'latin1'));
    const dataset = await readMovieLens100k(ml);
    expect(dataset.items).toHaveLength(3);
    expect(dataset.items[0]).toMatchObject({ id: '242', title: 'Kolya (1996)', category: 'Comedy', tags: ['Comedy'] });
    expect(dataset.items[1]?.tags).toEqual(['Crime', 'Film-Noir', 'Thriller']);
    expect(dataset.items[2]?.title).toBe('Cr\u00e9dit (1997)');
    expect(dataset.interactions).toEqual([
      { userId: '196', itemId: '242', type: 'view', at: 881250949000 },
      { userId: '186', itemId: '302', type: 'like', at: 891717742000 },
    ]);
  });

  it('reads MovieLens latest (movies.csv with quoted titles, ratings.csv)', async () => {
    const ml = join(dir, 'ml-latest-small');
    await mkdir(ml);
    await writeFile(join(ml, 'movies.csv'), 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children\n11,"American President, The (1995)",Comedy|Drama|Romance\n');
    await writeFile(join(ml, 'ratings.csv'), 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,11,2.5,964981247\n');
    const dataset = await readMovieLensLatest(ml);
    expect(dataset.items[1]).toMatchObject({ id: '11', title: 'American President, The (1995)', category: 'Comedy', publishedAt: Date.UTC(1995, 0, 1) });
    expect(dataset.interactions.map((e) => e.type)).toEqual(['like', 'view']);
  });

  it('reads a generic interactions CSV and rejects rows it cannot use', async () => {
    const file = join(dir, 'events.csv');
    await writeFile(file, 'user_id,item_id,timestamp,type,title,tags\nu1,a,2025-01-01T00:00:00Z,like,Alpha,x|y\nu1,b,1735689600,,Beta,\n');
    const dataset = await readInteractionsCsv(file);
    expect(dataset.items).toEqual([
      { id: 'a', title: 'Alpha', body: 'Alpha', category: 'uncategorized', tags: ['x', 'y'], publishedAt: Date.UTC(2025, 0, 1) },
      { id: 'b', title: 'Beta', body: 'Beta', category: 'uncategorized', tags: [], publishedAt: 1735689600000 },
    ]);
    expect(dataset.interactions[1]).toEqual({ userId: 'u1', itemId: 'b', type: 'view', at: 1735689600000 });

    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'user_id,item_id,timestamp\nu1,,123\n');
    await expect(readInteractionsCsv(bad)).rejects.toBeInstanceOf(RecommenderError);
    await expect(readMovieLens100k(join(dir, 'missing'))).rejects.toMatchObject({ reason: 'DATASET_UNREADABLE' });
  });
});
