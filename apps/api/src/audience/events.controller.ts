import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import {
  ZEventBatchResultSchema,
  ZEventBatchSchema,
  ZItemEventCountsQuerySchema,
  ZItemEventCountsSchema,
  type TEventBatch,
  type TItemEventCountsQuery,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { EventsService } from './events.service.js';

@Controller('v1/events')
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Post()
  @Contract({
    summary: 'Ingest a batch of behaviour events; ids are client-supplied so retries are not double-counted',
    roles: Access.eventsWrite,
    body: ZEventBatchSchema,
    bodySize: 'bulk',
    response: ZEventBatchResultSchema,
  })
  ingest(@CurrentPrincipal() principal: Principal, @Body() body: TEventBatch) {
    return this.events.ingest(principal.workspaceId, body.events);
  }

  @Get('counts')
  @Contract({
    summary: "One item's events counted by type (view, click, like, share, purchase, dismiss)",
    roles: Access.read,
    query: ZItemEventCountsQuerySchema,
    response: ZItemEventCountsSchema,
  })
  counts(@CurrentPrincipal() principal: Principal, @Query() query: TItemEventCountsQuery) {
    return this.events.countsForItem(principal.workspaceId, query.itemId);
  }
}
