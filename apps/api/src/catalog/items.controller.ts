import type { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ErrorCode,
  PlatformError,
  ZImportReportSchema,
  ZItemInputSchema,
  ZItemListQuerySchema,
  ZItemPageSchema,
  ZItemPatchSchema,
  ZItemSchema,
  type TItemInput,
  type TItemListQuery,
  type TItemPatch,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { ItemImportService } from './item-import.service.js';
import { ItemsService } from './items.service.js';

const ZItemParams = z.object({ id: z.string().min(1) });

/** Content types the import streams instead of buffering (registered in create-app). */
export const IMPORT_CONTENT_TYPES = { 'application/x-ndjson': 'ndjson', 'text/csv': 'csv' } as const;

@Controller('v1/items')
export class ItemsController {
  constructor(
    @Inject(ItemsService) private readonly items: ItemsService,
    @Inject(ItemImportService) private readonly importer: ItemImportService,
  ) {}

  @Get()
  @Contract({
    summary: 'List items, newest first, with cursor pagination and filters',
    roles: Access.read,
    query: ZItemListQuerySchema,
    response: ZItemPageSchema,
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TItemListQuery) {
    return this.items.list(principal.workspaceId, query);
  }

  @Post()
  @Contract({ summary: 'Create an item', roles: Access.catalogWrite, body: ZItemInputSchema, response: ZItemSchema, status: 201 })
  create(@CurrentPrincipal() principal: Principal, @Body() body: TItemInput) {
    return this.items.create(principal.workspaceId, body);
  }

  @Post('import')
  @Contract({
    summary: 'Bulk import NDJSON or CSV, streamed; idempotent upsert by externalId with a per-row report',
    roles: Access.catalogWrite,
    rawBody: {
      contentTypes: Object.keys(IMPORT_CONTENT_TYPES),
      description: 'one item per line (NDJSON) or per row (CSV header: externalId,title,body,category,tags,...)',
    },
    response: ZImportReportSchema,
  })
  import(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
    const format = IMPORT_CONTENT_TYPES[contentType as keyof typeof IMPORT_CONTENT_TYPES];
    if (!format) {
      throw new PlatformError(
        ErrorCode.UnsupportedMediaType,
        `Send the file as ${Object.keys(IMPORT_CONTENT_TYPES).join(' or ')}.`,
      );
    }
    return this.importer.import(principal.workspaceId, format, request.body as Readable);
  }

  @Get(':id')
  @Contract({ summary: 'Get an item', roles: Access.read, params: ZItemParams, response: ZItemSchema })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.items.get(principal.workspaceId, id);
  }

  @Patch(':id')
  @Contract({
    summary: 'Update an item (fields given replace stored ones)',
    roles: Access.catalogWrite,
    params: ZItemParams,
    body: ZItemPatchSchema,
    response: ZItemSchema,
  })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: TItemPatch) {
    return this.items.update(principal.workspaceId, id, body);
  }

  @Delete(':id')
  @Contract({ summary: 'Delete an item', roles: Access.catalogWrite, params: ZItemParams, status: 204 })
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.items.delete(principal.workspaceId, id);
  }
}
