import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZVariantListQuerySchema,
  ZVariantListSchema,
  ZVariantPageSchema,
  ZVariantPatchSchema,
  ZVariantPreviewRequestSchema,
  ZVariantQueueQuerySchema,
  ZVariantSchema,
  type TVariantListQuery,
  type TVariantPatch,
  type TVariantPreviewRequest,
  type TVariantQueueQuery,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { VariantGenerationService } from './variant-generation.service.js';
import { VariantReviewService } from './variant-review.service.js';

const ZIdParams = z.object({ id: z.string().min(1) });

@Controller('v1')
export class VariantsController {
  constructor(
    @Inject(VariantGenerationService) private readonly generation: VariantGenerationService,
    @Inject(VariantReviewService) private readonly review: VariantReviewService,
  ) {}

  @Post('items/:id/variants/preview')
  @Contract({
    summary: 'Generate text and image variants of an item for segments, synchronously (stored as drafts; a dry run stores nothing)',
    roles: Access.catalogWrite,
    params: ZIdParams,
    body: ZVariantPreviewRequestSchema,
    response: ZVariantListSchema,
  })
  async previewForItem(@CurrentPrincipal() principal: Principal, @Param('id') itemId: string, @Body() body: TVariantPreviewRequest) {
    return { items: await this.generation.preview(principal.workspaceId, itemId, body) };
  }

  @Get('items/:id/variants')
  @Contract({
    summary: "An item's variants, newest first",
    roles: Access.read,
    params: ZIdParams,
    query: ZVariantListQuerySchema,
    response: ZVariantListSchema,
  })
  async listForItem(@CurrentPrincipal() principal: Principal, @Param('id') itemId: string, @Query() query: TVariantListQuery) {
    return { items: await this.review.list(principal.workspaceId, itemId, query) };
  }

  @Get('variants')
  @Contract({
    summary: 'Variants across items, newest first, for review: by status (drafts awaiting review by default), segment, item, kind, guardrail status and generation job, with cursor pagination',
    roles: Access.read,
    query: ZVariantQueueQuerySchema,
    response: ZVariantPageSchema,
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TVariantQueueQuery) {
    return this.review.page(principal.workspaceId, query);
  }

  @Patch('variants/:id')
  @Contract({
    summary: 'Approve, reject or edit a variant (edits are recorded as human edits and checked again)',
    roles: Access.catalogWrite,
    params: ZIdParams,
    body: ZVariantPatchSchema,
    response: ZVariantSchema,
  })
  patch(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: TVariantPatch) {
    return this.review.review(principal.workspaceId, id, body);
  }
}
