import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateDemoDataset, renderDemoImage, type DemoItem } from '@persona/demo-data';
import { EventsRepository } from '../audience/events.repository.js';
import { SegmentsRepository } from '../audience/segments.repository.js';
import { UsersRepository } from '../audience/users.repository.js';
import { AssetsService } from '../catalog/assets.service.js';
import { ItemsRepository } from '../catalog/items.repository.js';

/** Images render on libuv's thread pool; a few at a time keeps both cores busy without a memory spike. */
const IMAGE_CONCURRENCY = 4;

export interface SeedReport {
  items: number;
  users: number;
  segments: number;
  events: number;
  durationMs: number;
}

/**
 * Fills a workspace with the seeded demo dataset: catalog with images, audience, segments and
 * interaction history. Every write is an upsert or skips what exists, so seeding twice is harmless.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(AssetsService) private readonly assets: AssetsService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SegmentsRepository) private readonly segments: SegmentsRepository,
    @Inject(EventsRepository) private readonly events: EventsRepository,
  ) {}

  async isEmpty(workspaceId: string): Promise<boolean> {
    return (await this.items.count(workspaceId)) === 0;
  }

  async seed(workspaceId: string, now = new Date()): Promise<SeedReport> {
    const started = performance.now();
    const dataset = generateDemoDataset({ now });

    const existing = await this.items.byExternalId(workspaceId);
    const imageIds = await this.renderImages(
      workspaceId,
      dataset.items.filter((item) => !existing.get(item.externalId)?.imageAssetId),
    );
    for (let start = 0; start < dataset.items.length; start += 500) {
      await this.items.upsertByExternalId(
        workspaceId,
        dataset.items.slice(start, start + 500).map((item) => ({
          externalId: item.externalId,
          title: item.title,
          body: item.body,
          category: item.category,
          tags: item.tags,
          attributes: item.attributes,
          translations: item.translations,
          publishedAt: item.publishedAt,
          imageAssetId: imageIds.get(item.externalId) ?? existing.get(item.externalId)?.imageAssetId ?? null,
        })),
      );
    }
    this.logger.log(`Catalog: ${dataset.items.length} items with images.`);

    await this.users.upsert(workspaceId, dataset.users);
    const existingSegments = new Set((await this.segments.all(workspaceId)).map((s) => s.name));
    const newSegments = dataset.segments.filter((s) => !existingSegments.has(s.name));
    for (const segment of newSegments) await this.segments.insert(workspaceId, segment);

    const itemIds = await this.items.byExternalId(workspaceId);
    const { length: events } = await this.events.insertNew(
      dataset.interactions.map((interaction) => ({
        workspaceId,
        id: interaction.id,
        userId: interaction.userId,
        itemId: itemIds.get(interaction.itemExternalId)!.id,
        type: interaction.type,
        at: new Date(interaction.at),
      })),
    );
    const report = {
      items: dataset.items.length,
      users: dataset.users.length,
      segments: newSegments.length,
      events,
      durationMs: Math.round(performance.now() - started),
    };
    this.logger.log(
      `Demo data ready: ${report.users} users, ${report.segments} new segments, ${report.events} new events (${report.durationMs} ms).`,
    );
    return report;
  }

  private async renderImages(workspaceId: string, items: DemoItem[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { asset } = await this.assets.storeImage(workspaceId, await renderDemoImage(item.image), { keepMetadata: true });
        ids.set(item.externalId, asset.id);
      }
    };
    await Promise.all(Array.from({ length: IMAGE_CONCURRENCY }, worker));
    return ids;
  }
}
