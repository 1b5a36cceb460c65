import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Inject, Injectable } from '@nestjs/common';
import {
  contentHash,
  generateTextVariant,
  renderImageVariants,
  worstStatus,
  type ImageEngineName,
  type TextEngineName,
} from '@persona/generator';
import { LlmError, type LlmClient } from '@persona/llm';
import type { TChannelFormat, TImageRendition, TItem, TSegment, TSegmentStyle, TVariant, TVariantPreviewRequest } from '@persona/shared';
import { SegmentsService } from '../audience/segments.service.js';
import { AssetsService } from '../catalog/assets.service.js';
import { ItemsService } from '../catalog/items.service.js';
import { LLM_CLIENT } from '../llm/llm.module.js';
import { VariantsRepository, type NewVariant, type VariantKey } from './variants.repository.js';

/** Where made variants go: preview stores them; a queued child also records its outcome. */
export interface VariantSink {
  /** A variant for the same inputs exists, so nothing is generated; returns what the caller should use. */
  reuse(existing: TVariant): Promise<TVariant>;
  store(variant: NewVariant & VariantKey): Promise<TVariant>;
}

export interface VariantOptions {
  textEngine: TextEngineName;
  imageEngine: ImageEngineName;
  /** Overrides the segment's channel formats for image variants. */
  formats?: readonly TChannelFormat[] | undefined;
  llm: LlmClient | null;
  sink: VariantSink;
  /** LLM errors for which this returns true propagate (a queue retries them) instead of falling back. */
  rethrow?: (error: LlmError) => boolean;
}

/**
 * Makes variants of an item for segments: text first (an image variant overlays its text
 * variant's headline), then images. Variants are keyed by a hash of everything that shapes them,
 * so asking again for the same inputs returns the stored variant instead of new work.
 */
@Injectable()
export class VariantGenerationService {
  private readonly storeDirectly: VariantSink = {
    reuse: async (existing) => existing,
    store: async (variant) => (await this.variants.insertOrGet(variant)).variant,
  };

  constructor(
    @Inject(ItemsService) private readonly items: ItemsService,
    @Inject(SegmentsService) private readonly segments: SegmentsService,
    @Inject(AssetsService) private readonly assets: AssetsService,
    @Inject(VariantsRepository) private readonly variants: VariantsRepository,
    @Inject(LLM_CLIENT) private readonly llm: LlmClient | null,
  ) {}

  /**
   * Synchronous generation for one item, for the studio's preview. A dry run goes through the
   * same engines and guardrails but hands its variants back instead of storing them.
   */
  async preview(workspaceId: string, itemId: string, request: TVariantPreviewRequest): Promise<TVariant[]> {
    const item = await this.items.get(workspaceId, itemId);
    const stored = await Promise.all(request.segmentIds.map((id) => this.segments.get(workspaceId, id)));
    const segments = request.style ? [unsavedStyleSegment(stored[0], request.style, request.segmentName)] : stored;
    const options: VariantOptions = {
      textEngine: request.textEngine === 'auto' ? (this.llm ? 'openai' : 'template') : request.textEngine,
      imageEngine: request.imageEngine === 'auto' ? (this.llm ? 'openai' : 'sharp') : request.imageEngine,
      formats: request.formats,
      llm: this.llm,
      sink: request.dryRun ? dryRunSink : this.storeDirectly,
    };
    // The distinctness check compares against this item's text for every other segment, stored or new.
    const texts = new Map<string, TVariant>();
    for (const segment of segments) texts.set(segment.id, await this.textVariant(workspaceId, item, segment, options));
    const result = request.kinds.includes('text') ? [...texts.values()] : [];
    if (request.kinds.includes('image')) {
      for (const segment of segments) {
        result.push(await this.imageVariant(workspaceId, item, segment, texts.get(segment.id)!, options));
      }
    }
    return result;
  }

  /**
   * The key of an item's text variant for a segment (equal keys, equal variants), with its style
   * key: the same recipe without the item, the family the bandit pools across the segment's items.
   */
  textKey(workspaceId: string, item: TItem, segment: TSegment, engine: TextEngineName): VariantKey & { styleKey: string } {
    return {
      styleKey: contentHash({ style: segment.style, engine }),
      workspaceId,
      itemId: item.id,
      segmentId: segment.id,
      kind: 'text',
      // Translations count only when there are some: the keys of items without any stay as they were.
      inputsHash: contentHash({
        item: [item.title, item.body, item.category, item.tags, ...(Object.keys(item.translations).length === 0 ? [] : [item.translations])],
        style: segment.style,
        engine,
      }),
    };
  }

  async textVariant(workspaceId: string, item: TItem, segment: TSegment, options: VariantOptions): Promise<TVariant> {
    const key = this.textKey(workspaceId, item, segment, options.textEngine);
    const { existing, siblings } = await this.variants.textWithSiblings(key);
    // A failed variant is no answer to keep: asking again tries again.
    if (existing && existing.status !== 'failed') return options.sink.reuse(existing);
    const generated = await generateTextVariant({
      item,
      segment,
      engine: options.textEngine,
      llm: options.llm,
      moderator: options.llm,
      siblings,
      ...(options.rethrow ? { rethrow: options.rethrow } : {}),
    });
    return options.sink.store({
      ...key,
      status: generated.status,
      text: generated.content,
      provenance: generated.provenance,
      guardrails: generated.guardrails,
      failureReason: generated.failureReason,
    });
  }

  async imageVariant(workspaceId: string, item: TItem, segment: TSegment, text: TVariant, options: VariantOptions): Promise<TVariant> {
    const formats = options.formats ?? segment.style.visual.channelFormats;
    const engine = options.imageEngine;
    const key: VariantKey = {
      workspaceId,
      itemId: item.id,
      segmentId: segment.id,
      kind: 'image',
      inputsHash: contentHash({ headline: text.text?.title ?? null, image: item.imageAssetId, visual: segment.style.visual, formats, engine }),
    };
    // The link the feed serves an image by: this image carries that text variant's headline.
    const source = { sourceVariantId: text.id };
    const existing = await this.variants.findByKey(key);
    // A failed variant is no answer to keep: asking again tries again.
    if (existing && existing.status !== 'failed') return options.sink.reuse(existing);
    const guardrails = {
      status: text.guardrails.status,
      checks: [{ name: 'headline', status: text.guardrails.status, detail: `Headline from text variant ${text.id}.` }],
    };
    if (!text.text) {
      return options.sink.store({
        ...key,
        ...source,
        status: 'failed',
        provenance: text.provenance,
        guardrails,
        failureReason: `The text variant failed, so there is no headline: ${text.failureReason ?? 'unknown reason'}`,
      });
    }
    let rendered: Awaited<ReturnType<typeof renderImageVariants>>;
    try {
      const sourceImage = item.imageAssetId ? await this.imageBytes(workspaceId, item.imageAssetId) : undefined;
      rendered = await renderImageVariants({
        ...(sourceImage ? { sourceImage } : {}),
        headline: text.text.title,
        item,
        segment,
        formats,
        engine,
        llm: options.llm,
        ...(options.rethrow ? { rethrow: options.rethrow } : {}),
      });
    } catch (error) {
      if (error instanceof LlmError && options.rethrow?.(error) === true) throw error;
      return options.sink.store({
        ...key,
        ...source,
        status: 'failed',
        provenance: { ...text.provenance, engine },
        guardrails,
        failureReason: (error as Error).message,
      });
    }
    const images: TImageRendition[] = [];
    for (const rendition of rendered.renditions) {
      const { asset } = await this.assets.storeImage(workspaceId, rendition.buffer, { keepMetadata: true });
      images.push({
        channelFormat: rendition.channelFormat,
        assetId: asset.id,
        width: rendition.width,
        height: rendition.height,
        format: rendition.format,
        bytes: rendition.bytes,
      });
    }
    const checks = [...guardrails.checks, ...rendered.checks];
    return options.sink.store({ ...key, ...source, status: 'draft', images, provenance: rendered.provenance, guardrails: { status: worstStatus(checks), checks } });
  }

  private async imageBytes(workspaceId: string, assetId: string): Promise<Buffer> {
    const { stream } = await this.assets.open(workspaceId, assetId);
    return buffer(stream);
  }
}

/** The id an unsaved segment's dry-run variants carry: no stored segment has it (stored ids start `seg_`). */
export const UNSAVED_SEGMENT_ID = 'unsaved';

/** A stored segment with an unsaved style, or a segment that exists only in the editor. */
function unsavedStyleSegment(stored: TSegment | undefined, style: TSegmentStyle, name: string | undefined): TSegment {
  const now = new Date().toISOString();
  return {
    ...(stored ?? { id: UNSAVED_SEGMENT_ID, description: '', rule: { all: [] }, priority: 0, createdAt: now, updatedAt: now }),
    name: name ?? stored?.name ?? 'Unsaved segment',
    style,
  } as TSegment;
}

/** Hands made variants back without writing anything: an existing one is returned as it is. */
const dryRunSink: VariantSink = {
  reuse: async (existing) => existing,
  store: async (variant) => {
    const now = new Date().toISOString();
    return {
      id: `dry_${randomUUID()}`,
      itemId: variant.itemId,
      segmentId: variant.segmentId,
      kind: variant.kind,
      status: variant.status ?? 'draft',
      text: variant.text ?? null,
      images: variant.images ?? [],
      provenance: variant.provenance,
      guardrails: variant.guardrails,
      failureReason: variant.failureReason ?? null,
      editedByHuman: false,
      createdAt: now,
      updatedAt: now,
    };
  },
};
