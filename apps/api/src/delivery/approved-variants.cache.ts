import { LRUCache } from 'lru-cache';
import type { TChannelFormat } from '@persona/shared';
import type { ApprovedVariant } from './served-candidates.repository.js';

/**
 * How many (item, segment, format) sets one instance keeps: a few kilobytes each (the variants'
 * text), so tens of megabytes at most, and more than the items a busy catalog's feeds rank.
 */
const CACHED_SETS = 20_000;

/**
 * An instance's copy of the approved variants of (item, segment, format), tagged with the
 * workspace's variants version they were read at (`variant_versions`, moved by triggers in the
 * transaction of every change to an approved variant). An entry is served only while its version
 * is the newest this instance has seen read from the database, and every feed reads the version
 * in the same statement as its items: once any instance changes an approved variant, the next
 * feed on every instance sees a newer version and reads the variants afresh. So a cached set is
 * never older than the snapshot of the feed that serves it.
 */
export class ApprovedVariantsCache {
  private readonly sets = new LRUCache<string, { version: number; variants: ApprovedVariant[] }>({ max: CACHED_SETS });
  /** The newest version read from the database, per workspace. */
  private readonly newest = new Map<string, number>();

  /** The set as of the newest version seen, or undefined (never read, evicted, or read at an older version). */
  get(workspaceId: string, itemId: string, segmentId: string, format: TChannelFormat): { version: number; variants: ApprovedVariant[] } | undefined {
    const entry = this.sets.get(key(workspaceId, itemId, segmentId, format));
    return entry && entry.version === this.newest.get(workspaceId) ? entry : undefined;
  }

  /** A version read from the database: entries of older versions stop being served. */
  observe(workspaceId: string, version: number): void {
    if (version > (this.newest.get(workspaceId) ?? -1)) this.newest.set(workspaceId, version);
  }

  /** Keeps a set read at `version`, when that is the newest seen (a set read in an older snapshot may be stale). */
  put(workspaceId: string, itemId: string, segmentId: string, format: TChannelFormat, version: number, variants: ApprovedVariant[]): void {
    if (version === this.newest.get(workspaceId)) this.sets.set(key(workspaceId, itemId, segmentId, format), { version, variants });
  }

  /** Whether `version` is the newest seen for the workspace. */
  isNewest(workspaceId: string, version: number): boolean {
    return this.newest.get(workspaceId) === version;
  }
}

function key(workspaceId: string, itemId: string, segmentId: string, format: TChannelFormat): string {
  return `${workspaceId}\n${itemId}\n${segmentId}\n${format}`;
}
