import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PlatformError, type TAsset } from '@persona/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FILE_STORE, type FileStore } from '../storage/file-store.js';
import { inspectImage, withoutMetadata } from '../storage/image-inspector.js';
import { AssetsRepository } from './assets.repository.js';

@Injectable()
export class AssetsService {
  constructor(
    @Inject(AssetsRepository) private readonly repo: AssetsRepository,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates, then stores by content; nothing is written for bytes that fail validation.
   * Metadata (EXIF with GPS, XMP, ...) is stripped unless `keepMetadata`; images the platform
   * made itself have none and are stored as they are.
   */
  async storeImage(
    workspaceId: string,
    uploaded: Buffer,
    { keepMetadata }: { keepMetadata: boolean },
  ): Promise<{ asset: TAsset; created: boolean }> {
    const { maxPixels } = this.config.uploads;
    const image = await inspectImage(uploaded, maxPixels);
    const bytes = keepMetadata ? uploaded : await withoutMetadata(uploaded, image, maxPixels);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.files.put(sha256, bytes);
    return this.repo.insertOrGet({
      id: `ast_${randomUUID()}`,
      workspaceId,
      sha256,
      contentType: image.contentType,
      format: image.format,
      bytes: bytes.length,
      width: image.width,
      height: image.height,
    });
  }

  async get(workspaceId: string, id: string): Promise<TAsset> {
    const asset = await this.repo.find(workspaceId, id);
    if (!asset) throw new PlatformError(ErrorCode.NotFound, `Asset ${id} not found`);
    return asset;
  }

  async open(workspaceId: string, id: string): Promise<{ asset: TAsset; stream: Readable }> {
    const asset = await this.get(workspaceId, id);
    return { asset, stream: await this.files.read(asset.sha256) };
  }

  async assertExist(workspaceId: string, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const found = await this.repo.existingIds(workspaceId, unique);
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) {
      throw new PlatformError(ErrorCode.ValidationFailed, `Unknown asset: ${missing.join(', ')}`, {
        errors: missing.map((id) => ({ path: 'imageAssetId', message: `unknown asset ${id}` })),
      });
    }
  }
}
