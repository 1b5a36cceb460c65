import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EvaluationDataset } from '../eval/evaluation-dataset.js';
import { RecommenderError } from '../recommender.error.js';
import type { CatalogItem, Interaction } from '../recommender.types.js';
import { ratingToEventType } from './rating-event.js';

/** Genre columns of ml-100k's u.item, in file order (u.genre). */
const ML100K_GENRES = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
  'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
];

async function readText(path: string, encoding: BufferEncoding): Promise<string> {
  try {
    return await readFile(path, encoding);
  } catch (error) {
    throw new RecommenderError('DATASET_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`);
  }
}

function movieItem(id: string, title: string, genres: string[], publishedAt: number): CatalogItem {
  return { id, title, body: `${title}. Genres: ${genres.join(', ')}.`, category: genres[0] ?? 'unknown', tags: genres, publishedAt };
}

/** MovieLens 100K from its directory: `u.data` (tab-separated ratings) and `u.item` (pipe-separated, latin1). */
export async function readMovieLens100k(dir: string): Promise<EvaluationDataset> {
  const itemsText = await readText(join(dir, 'u.item'), 'latin1');
  const items: CatalogItem[] = [];
  for (const line of itemsText.split('\n')) {
    const fields = line.trimEnd().split('|');
    if (fields.length < 5 + ML100K_GENRES.length) continue;
    const genres = ML100K_GENRES.filter((_, g) => fields[5 + g] === '1');
    const released = Date.parse(fields[2] ?? '');
    items.push(movieItem(fields[0] as string, fields[1] as string, genres, Number.isFinite(released) ? released : 0));
  }
  const interactions: Interaction[] = [];
  for (const line of (await readText(join(dir, 'u.data'), 'utf8')).split('\n')) {
    const [user, item, rating, timestamp] = line.trim().split('\t');
    if (!user || !item || !rating || !timestamp) continue;
    interactions.push({ userId: user, itemId: item, type: ratingToEventType(Number(rating)), at: Number(timestamp) * 1000 });
  }
  return { name: 'movielens-100k', items, interactions };
}

/** MovieLens latest (or latest-small) from its directory: `movies.csv` and `ratings.csv`. */
export async function readMovieLensLatest(dir: string): Promise<EvaluationDataset> {
  const movies = parse(await readText(join(dir, 'movies.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const items = movies.map((row) => {
    const title = row.title ?? '';
    const year = /\((\d{4})\)\s*$/.exec(title)?.[1];
    const genres = (row.genres ?? '').split('|').filter((g) => g && g !== '(no genres listed)');
    return movieItem(row.movieId ?? '', title, genres, year ? Date.UTC(Number(year), 0, 1) : 0);
  });
  const ratings = parse(await readText(join(dir, 'ratings.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const interactions = ratings.map(
    (row): Interaction => ({
      userId: row.userId ?? '',
      itemId: row.movieId ?? '',
      type: ratingToEventType(Number(row.rating)),
      at: Number(row.timestamp) * 1000,
    }),
  );
  return { name: 'movielens-latest', items, interactions };
}
