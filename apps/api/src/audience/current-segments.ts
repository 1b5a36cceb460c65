import { Inject, Injectable } from '@nestjs/common';
import type { TSegment } from '@persona/shared';
import { SegmentsRepository, type VersionedSegments } from './segments.repository.js';

/**
 * Each workspace's current segments, in assignment order, held by this API instance. A caller
 * passes the workspace's segments version it has just read from the database (the feed reads it
 * with the user, in the same statement): when this instance holds that version or a later one the
 * answer costs nothing; otherwise the segments are read again, once, however many requests ask
 * meanwhile. Every write to segments moves the version in its own transaction, so a segment
 * created, edited or deleted through any instance is used by every instance from its next request.
 */
@Injectable()
export class CurrentSegments {
  private readonly held = new Map<string, VersionedSegments>();
  private readonly loading = new Map<string, Promise<VersionedSegments>>();

  constructor(@Inject(SegmentsRepository) private readonly repo: SegmentsRepository) {}

  async at(workspaceId: string, version: number): Promise<readonly TSegment[]> {
    const held = this.held.get(workspaceId);
    // Versions only grow: a request that read an older version than the one held gets newer segments.
    if (held && held.version >= version) return held.segments;
    let load = this.loading.get(workspaceId);
    if (!load) {
      load = this.load(workspaceId).finally(() => this.loading.delete(workspaceId));
      this.loading.set(workspaceId, load);
    }
    const loaded = await load;
    // A load that began before this request's version was written is too old for it: read again.
    return loaded.version >= version ? loaded.segments : this.at(workspaceId, version);
  }

  private async load(workspaceId: string): Promise<VersionedSegments> {
    const loaded = await this.repo.allWithVersion(workspaceId);
    const held = this.held.get(workspaceId);
    if (!held || held.version < loaded.version) this.held.set(workspaceId, loaded);
    return loaded;
  }
}
