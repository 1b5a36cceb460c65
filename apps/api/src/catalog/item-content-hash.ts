import { createHash } from 'node:crypto';
import type { TItemInput } from '@persona/shared';

/** A stable fingerprint of everything an upsert can change, so re-importing the same row is a no-op. */
export function itemContentHash(item: TItemInput): string {
  const canonical = JSON.stringify([
    item.title,
    item.body,
    item.category,
    item.tags,
    item.imageAssetId ?? null,
    Object.entries(item.attributes).sort(([a], [b]) => a.localeCompare(b)),
    item.publishedAt ?? null,
    // Absent when the item has no translations, so the hashes of items stored before translations existed still hold.
    ...(Object.keys(item.translations).length === 0 ? [] : [Object.entries(item.translations).sort(([a], [b]) => a.localeCompare(b))]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
