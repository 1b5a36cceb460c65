import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ZEventTypeSchema } from '@persona/shared';
import type { EvaluationDataset } from '../eval/evaluation-dataset.js';
import { RecommenderError } from '../recommender.error.js';
import type { CatalogItem, Interaction } from '../recommender.types.js';

/** Epoch seconds, epoch milliseconds or an ISO timestamp. */
function parseTime(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return n < 1e11 ? n * 1000 : n;
  }
  return Date.parse(value);
}

/**
 * An interaction log as CSV with a header: `user_id`, `item_id`, `timestamp` (epoch s/ms or ISO),
 * optional `type` (an event type; default view), and optional item columns `title`, `category`,
 * `tags` (separated by `|`). The catalog is the set of items the log mentions.
 */
export async function readInteractionsCsv(path: string): Promise<EvaluationDataset> {
  let rows: Record<string, string>[];
  try {
    rows = parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (error) {
    throw new RecommenderError('DATASET_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`);
  }
  const items = new Map<string, CatalogItem>();
  const interactions: Interaction[] = [];
  rows.forEach((row, line) => {
    const userId = row.user_id;
    const itemId = row.item_id;
    const at = parseTime(row.timestamp ?? '');
    if (!userId || !itemId || !Number.isFinite(at)) {
      throw new RecommenderError('DATASET_UNREADABLE', `${path}:${line + 2}: needs user_id, item_id and a timestamp`);
    }
    const type = ZEventTypeSchema.safeParse(row.type ?? 'view');
    interactions.push({ userId, itemId, type: type.success ? type.data : 'view', at });
    if (!items.has(itemId)) {
      const tags = (row.tags ?? '').split('|').filter(Boolean);
      const title = row.title || itemId;
      items.set(itemId, { id: itemId, title, body: title, category: row.category || 'uncategorized', tags, publishedAt: at });
    }
  });
  return { name: `csv:${basename(path)}`, items: [...items.values()], interactions };
}
