import { Inject, Injectable } from '@nestjs/common';
import { checkGuardrails, CONTENT_SAFETY_CHECKS } from '@persona/generator';
import type { LlmClient } from '@persona/llm';
import {
  ErrorCode,
  PlatformError,
  ZTextContentSchema,
  type TTextContent,
  type TVariant,
  type TVariantListQuery,
  type TVariantPage,
  type TVariantPatch,
  type TVariantQueueQuery,
} from '@persona/shared';
import { SegmentsService } from '../audience/segments.service.js';
import { ItemsService } from '../catalog/items.service.js';
import { LLM_CLIENT } from '../llm/llm.module.js';
import { VariantsRepository } from './variants.repository.js';

/** Listing and reviewing variants: approve, reject, or edit (a human edit, checked like any variant). */
@Injectable()
export class VariantReviewService {
  constructor(
    @Inject(ItemsService) private readonly items: ItemsService,
    @Inject(SegmentsService) private readonly segments: SegmentsService,
    @Inject(VariantsRepository) private readonly variants: VariantsRepository,
    @Inject(LLM_CLIENT) private readonly llm: LlmClient | null,
  ) {}

  async list(workspaceId: string, itemId: string, query: TVariantListQuery): Promise<TVariant[]> {
    await this.items.get(workspaceId, itemId);
    return this.variants.listForItem(workspaceId, itemId, query);
  }

  page(workspaceId: string, query: TVariantQueueQuery): Promise<TVariantPage> {
    return this.variants.page(workspaceId, query);
  }

  async review(workspaceId: string, id: string, patch: TVariantPatch): Promise<TVariant> {
    const variant = await this.variants.find(workspaceId, id);
    if (!variant) throw new PlatformError(ErrorCode.NotFound, `Variant ${id} not found`);
    const changes: Parameters<VariantsRepository['update']>[2] = {};
    if (patch.text) {
      if (variant.kind !== 'text' || !variant.text) {
        throw new PlatformError(ErrorCode.Conflict, 'Only text variants with content can be edited.');
      }
      const [item, segment, others] = await Promise.all([
        this.items.get(workspaceId, variant.itemId),
        this.segments.get(workspaceId, variant.segmentId),
        this.variants.listForItem(workspaceId, variant.itemId, { kind: 'text' }),
      ]);
      const { content, report } = await checkGuardrails({
        content: { ...variant.text, ...patch.text },
        source: item,
        segment,
        siblings: others.flatMap((o) => (o.segmentId !== variant.segmentId && o.text ? [o.text] : [])),
        moderator: this.llm,
      });
      assertEditKeepsText(content);
      Object.assign(changes, { text: content, guardrails: report, editedByHuman: true });
      // An approval covered the text it was given: an edit that fails a content-safety check goes back to review.
      const unsafe = report.checks.some((check) => check.status === 'fail' && (CONTENT_SAFETY_CHECKS as readonly string[]).includes(check.name));
      if (unsafe && variant.status === 'approved' && !patch.status) changes.status = 'draft';
    }
    if (patch.status) {
      if (patch.status === 'approved' && variant.status === 'failed' && !patch.text) {
        throw new PlatformError(ErrorCode.Conflict, `Variant ${id} failed (${variant.failureReason}); edit it or generate again.`);
      }
      changes.status = patch.status;
    } else if (patch.text && variant.status === 'failed') {
      changes.status = 'draft';
    }
    return (await this.variants.update(workspaceId, id, changes))!;
  }
}

/**
 * Markup is stripped from an edit before it is stored; an edit that was only markup (a CTA of
 * `<b></b>`) would leave an empty field, so it is refused with the field named instead.
 */
function assertEditKeepsText(content: TTextContent): void {
  const parsed = ZTextContentSchema.safeParse(content);
  if (parsed.success) return;
  const errors = parsed.error.issues.map((issue) => ({
    path: `body.text.${issue.path.join('.')}`,
    message: `${issue.message} once markup is removed`,
  }));
  throw new PlatformError(
    ErrorCode.ValidationFailed,
    `The edit leaves no text: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    { errors },
  );
}
