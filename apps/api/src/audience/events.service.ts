import { Inject, Injectable } from '@nestjs/common';
import type { TEventBatchResult, TEventInput } from '@persona/shared';
import { ItemsRepository } from '../catalog/items.repository.js';
import { EventsRepository, type EventRow } from './events.repository.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class EventsService {
  constructor(
    @Inject(EventsRepository) private readonly repo: EventsRepository,
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  /**
   * Events for unknown items are rejected one by one (the rest of the batch is kept); users first
   * seen in events are created, since integrations often send behaviour before profiles. A retried
   * batch carries the same ids, and those count as duplicates, not as new events.
   */
  async ingest(workspaceId: string, batch: TEventInput[]): Promise<TEventBatchResult> {
    const knownItems = await this.items.existingIds(workspaceId, [...new Set(batch.map((e) => e.itemId))]);
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
        value: event.value ?? null,
      });
    });
    await this.users.ensureExist(workspaceId, rows.map((r) => r.userId));
    const accepted = await this.repo.insertNew(rows);
    return { accepted, duplicates: duplicates + rows.length - accepted, rejected };
  }
}
