import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZPageQuerySchema,
  ZSegmentInputSchema,
  ZSegmentPageSchema,
  ZSegmentPatchSchema,
  ZSegmentPreviewRequestSchema,
  ZSegmentPreviewSchema,
  ZSegmentSchema,
  type TSegmentInput,
  type TSegmentPatch,
  type TSegmentPreviewRequest,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { SegmentsService } from './segments.service.js';

const ZSegmentParams = z.object({ id: z.string().min(1) });
const ZSampleQuery = z.object({ sampleSize: z.coerce.number().int().min(0).max(200).default(20) });

@Controller('v1/segments')
export class SegmentsController {
  constructor(@Inject(SegmentsService) private readonly segments: SegmentsService) {}

  @Get()
  @Contract({ summary: 'List segments', roles: Access.read, query: ZPageQuerySchema, response: ZSegmentPageSchema })
  list(@CurrentPrincipal() principal: Principal, @Query() query: z.infer<typeof ZPageQuerySchema>) {
    return this.segments.list(principal.workspaceId, query.limit, query.cursor);
  }

  @Post()
  @Contract({
    summary: 'Create a segment: a rule over user attributes and a style for its variants',
    roles: Access.segmentWrite,
    body: ZSegmentInputSchema,
    response: ZSegmentSchema,
    status: 201,
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: TSegmentInput) {
    return this.segments.create(principal.workspaceId, body);
  }

  @Post('preview')
  @Contract({
    summary: 'Count and sample the users a rule matches, before saving it',
    roles: Access.read,
    body: ZSegmentPreviewRequestSchema,
    response: ZSegmentPreviewSchema,
  })
  previewRule(@CurrentPrincipal() principal: Principal, @Body() body: TSegmentPreviewRequest) {
    return this.segments.preview(principal.workspaceId, body.rule, body.sampleSize);
  }

  @Get(':id')
  @Contract({ summary: 'Get a segment', roles: Access.read, params: ZSegmentParams, response: ZSegmentSchema })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.segments.get(principal.workspaceId, id);
  }

  @Get(':id/preview')
  @Contract({
    summary: 'Count and sample the users a saved segment matches',
    roles: Access.read,
    params: ZSegmentParams,
    query: ZSampleQuery,
    response: ZSegmentPreviewSchema,
  })
  async preview(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: z.infer<typeof ZSampleQuery>,
  ) {
    const segment = await this.segments.get(principal.workspaceId, id);
    return this.segments.preview(principal.workspaceId, segment.rule, query.sampleSize);
  }

  @Patch(':id')
  @Contract({
    summary: 'Update a segment',
    roles: Access.segmentWrite,
    params: ZSegmentParams,
    body: ZSegmentPatchSchema,
    response: ZSegmentSchema,
  })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: TSegmentPatch) {
    return this.segments.update(principal.workspaceId, id, body);
  }

  @Delete(':id')
  @Contract({ summary: 'Delete a segment', roles: Access.segmentWrite, params: ZSegmentParams, status: 204 })
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.segments.delete(principal.workspaceId, id);
  }
}
