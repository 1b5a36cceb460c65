import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PlatformError,
  ZItemInputSchema,
  toFieldIssues,
  type TItem,
  type TItemInput,
  type TItemListQuery,
  type TItemPage,
  type TItemPatch,
} from '@persona/shared';
import { isUniqueViolation } from '../db/postgres-error.js';
import { AssetsService } from './assets.service.js';
import { ItemsRepository } from './items.repository.js';

@Injectable()
export class ItemsService {
  constructor(
    @Inject(ItemsRepository) private readonly repo: ItemsRepository,
    @Inject(AssetsService) private readonly assets: AssetsService,
  ) {}

  list(workspaceId: string, query: TItemListQuery): Promise<TItemPage> {
    return this.repo.list(workspaceId, query);
  }

  async get(workspaceId: string, id: string): Promise<TItem> {
    const item = await this.repo.find(workspaceId, id);
    if (!item) throw new PlatformError(ErrorCode.NotFound, `Item ${id} not found`);
    return item;
  }

  async create(workspaceId: string, input: TItemInput): Promise<TItem> {
    if (input.imageAssetId) await this.assets.assertExist(workspaceId, [input.imageAssetId]);
    try {
      return await this.repo.insert(workspaceId, input);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new PlatformError(ErrorCode.Conflict, `An item with externalId ${input.externalId} already exists.`);
      }
      throw error;
    }
  }

  /** A patch is merged onto the stored item and the result validated as a whole. */
  async update(workspaceId: string, id: string, patch: TItemPatch): Promise<TItem> {
    const current = await this.get(workspaceId, id);
    const merged = ZItemInputSchema.safeParse({
      ...current,
      externalId: current.externalId ?? undefined,
      ...patch,
    });
    if (!merged.success) {
      throw new PlatformError(ErrorCode.ValidationFailed, 'The patched item is invalid.', {
        errors: toFieldIssues(merged.error),
      });
    }
    if (patch.imageAssetId) await this.assets.assertExist(workspaceId, [patch.imageAssetId]);
    let updated: TItem | null;
    try {
      updated = await this.repo.update(workspaceId, id, merged.data);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new PlatformError(ErrorCode.Conflict, `Another item already has externalId ${merged.data.externalId}.`);
      }
      throw error;
    }
    if (!updated) throw new PlatformError(ErrorCode.NotFound, `Item ${id} not found`);
    return updated;
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(workspaceId, id))) {
      throw new PlatformError(ErrorCode.NotFound, `Item ${id} not found`);
    }
  }
}
