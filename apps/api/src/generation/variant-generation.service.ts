import { buffer } from 'node:stream/consumers';
import { Inject, Injectable } from '@nestjs/common';
import {
  contentHash,
  generateTextVariant,
  renderImageVariants,
  type ImageEngineName,
  type TextEngineName,
} from '@persona/generator';
import type { LlmClient } from '@persona/llm';
import type { TImageRendition, TItem, TSegment, TTextContent, TVariant, TVariantPreviewRequest } from '@persona/shared';
import { SegmentsService } from '../audience/segments.service.js';
import { AssetsService } from '../catalog/assets.service.js';
import { ItemsService } from '../catalog/items.service.js';
import { LLM_CLIENT } from '../llm/llm.module.js';
import { VariantsRepository } from './variants.repository.js';

/**
 * Makes variants of one item for segments, synchronously: text first (an image variant overlays
 * its text variant's headline), then images. Variants are keyed by a hash of everything that
 * shapes them, so asking again for the same inputs returns the stored variant instead of new work.
 */
@Injectable()
export class VariantGenerationService {
  constructor(
    @Inject(ItemsService) private readonly items: ItemsService,
    @Inject(SegmentsService) private readonly segments: SegmentsService,
    @Inject(AssetsService) private readonly assets: AssetsService,
    @Inject(VariantsRepository) private readonly variants: VariantsRepository,
    @Inject(LLM_CLIENT) private readonly llm: LlmClient | null,
  ) {}

  async preview(workspaceId: string, itemId: string, request: TVariantPreviewRequest): Promise<TVariant[]> {
    const item = await this.items.get(workspaceId, itemId);
    const segments = await Promise.all(request.segmentIds.map((id) => this.segments.get(workspaceId, id)));
    const textEngine: TextEngineName = request.textEngine === 'auto' ? (this.llm ? 'openai' : 'template') : request.textEngine;
    const imageEngine: ImageEngineName = request.imageEngine === 'auto' ? (this.llm ? 'openai' : 'sharp') : request.imageEngine;

    // The distinctness check compares against this item's text for every other segment, stored or new.
    const siblingTexts = new Map<string, TTextContent>();
    for (const stored of await this.variants.listForItem(workspaceId, item.id, { kind: 'text' })) {
      if (stored.text && !siblingTexts.has(stored.segmentId)) siblingTexts.set(stored.segmentId, stored.text);
    }
    const texts = new Map<string, TVariant>();
    for (const segment of segments) {
      const siblings = [...siblingTexts].flatMap(([segmentId, text]) => (segmentId === segment.id ? [] : [text]));
      const variant = await this.textVariant(workspaceId, item, segment, textEngine, siblings);
      texts.set(segment.id, variant);
      if (variant.text) siblingTexts.set(segment.id, variant.text);
    }
    const result = request.kinds.includes('text') ? [...texts.values()] : [];
    if (request.kinds.includes('image')) {
      const sourceImage = item.imageAssetId ? await this.imageBytes(workspaceId, item.imageAssetId) : undefined;
      for (const segment of segments) {
        const formats = request.formats ?? segment.style.visual.channelFormats;
        result.push(await this.imageVariant(workspaceId, item, segment, texts.get(segment.id)!, imageEngine, formats, sourceImage));
      }
    }
    return result;
  }

  private async textVariant(
    workspaceId: string,
    item: TItem,
    segment: TSegment,
    engine: TextEngineName,
    siblings: TTextContent[],
  ): Promise<TVariant> {
    const key = {
      workspaceId,
      itemId: item.id,
      segmentId: segment.id,
      kind: 'text' as const,
      inputsHash: contentHash({ item: [item.title, item.body, item.category, item.tags], style: segment.style, engine }),
    };
    const existing = await this.variants.findByKey(key);
    if (existing) return existing;
    const generated = await generateTextVariant({
      item,
      segment,
      engine,
      llm: this.llm,
      moderator: this.llm,
      siblings,
    });
    return this.variants.insertOrGet({
      ...key,
      status: generated.status,
      text: generated.content,
      provenance: generated.provenance,
      guardrails: generated.guardrails,
      failureReason: generated.failureReason,
    });
  }

  private async imageVariant(
    workspaceId: string,
    item: TItem,
    segment: TSegment,
    text: TVariant,
    engine: ImageEngineName,
    formats: TSegment['style']['visual']['channelFormats'],
    sourceImage: Buffer | undefined,
  ): Promise<TVariant> {
    const key = {
      workspaceId,
      itemId: item.id,
      segmentId: segment.id,
      kind: 'image' as const,
      inputsHash: contentHash({ headline: text.text?.title ?? null, image: item.imageAssetId, visual: segment.style.visual, formats, engine }),
    };
    const existing = await this.variants.findByKey(key);
    if (existing) return existing;
    const guardrails = {
      status: text.guardrails.status,
      checks: [{ name: 'headline', status: text.guardrails.status, detail: `Headline from text variant ${text.id}.` }],
    };
    if (!text.text) {
      return this.variants.insertOrGet({
        ...key,
        status: 'failed',
        provenance: text.provenance,
        guardrails,
        failureReason: `The text variant failed, so there is no headline: ${text.failureReason ?? 'unknown reason'}`,
      });
    }
    try {
      const { renditions, provenance } = await renderImageVariants({
        ...(sourceImage ? { sourceImage } : {}),
        headline: text.text.title,
        item,
        segment,
        formats,
        engine,
        llm: this.llm,
      });
      const images: TImageRendition[] = [];
      for (const rendition of renditions) {
        const { asset } = await this.assets.storeImage(workspaceId, rendition.buffer);
        images.push({
          channelFormat: rendition.channelFormat,
          assetId: asset.id,
          width: rendition.width,
          height: rendition.height,
          format: rendition.format,
          bytes: rendition.bytes,
        });
      }
      return this.variants.insertOrGet({ ...key, status: 'draft', images, provenance, guardrails });
    } catch (error) {
      return this.variants.insertOrGet({
        ...key,
        status: 'failed',
        provenance: { ...text.provenance, engine },
        guardrails,
        failureReason: (error as Error).message,
      });
    }
  }

  private async imageBytes(workspaceId: string, assetId: string): Promise<Buffer> {
    const { stream } = await this.assets.open(workspaceId, assetId);
    return buffer(stream);
  }
}
