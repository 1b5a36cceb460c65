import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PlatformError, ZEventTypeSchema, type TEventBatchResult, type TEventInput, type TItemEventCounts } from '@persona/shared';
import { ItemsRepository } from '../catalog/items.repository.js';
import { EventsRepository, type EventRow } from './events.repository.js';
import { UsersRepository } from './users.repository.js';

/** Told about events once they are stored, e.g. so the recommender learns between refits. */
export type IngestListener = (workspaceId: string, events: readonly EventRow[]) => void;

/** Credits stored events to the exposures their servedIds name (the delivery module's). */
export type Attributor = (workspaceId: string, events: readonly EventRow[]) => Promise<TEventBatchResult['attribution']>;

@Injectable()
export class EventsService {
  private readonly listeners: IngestListener[] = [];

  private attributor: Attributor | null = null;

  onIngested(listener: IngestListener): void {
    this.listeners.push(listener);
  }

  attributeWith(attributor: Attributor): void {
    this.attributor = attributor;
  }

  constructor(
    @Inject(EventsRepository) private readonly repo: EventsRepository,
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  /**
   * Events for unknown items, or crediting a variant that is not one of that item's variants in
   * this workspace, are rejected one by one (the rest of the batch is kept); users first
   * seen in events are created, since integrations often send behaviour before profiles. A retried
   * batch carries the same ids, and those count as duplicates, not as new events.
   */
  async ingest(workspaceId: string, batch: TEventInput[]): Promise<TEventBatchResult> {
    const [knownItems, variantItems] = await Promise.all([
      this.items.existingIds(workspaceId, [...new Set(batch.map((e) => e.itemId))]),
      this.repo.variantItems(workspaceId, [...new Set(batch.flatMap((e) => (e.variantId ? [e.variantId] : [])))]),
    ]);
    const rejected: TEventBatchResult['rejected'] = [];
    const rows: EventRow[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    const now = new Date();
    batch.forEach((event, index) => {
      if (!knownItems.has(event.itemId)) {
        rejected.push({ index, id: event.id, code: 'NOT_FOUND', detail: `unknown item ${event.itemId}` });
        return;
      }
      if (event.variantId !== undefined && variantItems.get(event.variantId) !== event.itemId) {
        rejected.push({ index, id: event.id, code: 'NOT_FOUND', detail: `unknown variant ${event.variantId} of item ${event.itemId}` });
        return;
      }
      if (seen.has(event.id)) {
        duplicates += 1;
        return;
      }
      seen.add(event.id);
      rows.push({
        workspaceId,
        id: event.id,
        userId: event.userId,
        itemId: event.itemId,
        type: event.type,
        at: event.at ? new Date(event.at) : now,
        variantId: event.variantId ?? null,
        servedId: event.servedId ?? null,
        value: event.value ?? null,
      });
    });
    await this.users.ensureExist(workspaceId, rows.map((r) => r.userId));
    const inserted = await this.repo.insertNew(rows);
    for (const listener of this.listeners) listener(workspaceId, inserted);
    // Only new events are credited: a replayed event id is a duplicate event, not a second click.
    const attribution = this.attributor && inserted.some((row) => row.servedId)
      ? await this.attributor(workspaceId, inserted)
      : { attributed: 0, duplicates: 0, withoutExposure: 0 };
    return { accepted: inserted.length, duplicates: duplicates + rows.length - inserted.length, rejected, attribution };
  }

  async countsForItem(workspaceId: string, itemId: string): Promise<TItemEventCounts> {
    if (!(await this.items.existingIds(workspaceId, [itemId])).has(itemId)) {
      throw new PlatformError(ErrorCode.NotFound, `No item ${itemId} in this workspace.`);
    }
    const byType = await this.repo.countByType(workspaceId, itemId);
    const counts = Object.fromEntries(ZEventTypeSchema.options.map((type) => [type, byType.get(type) ?? 0])) as TItemEventCounts['counts'];
    return { itemId, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
  }
}
