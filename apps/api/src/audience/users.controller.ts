import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZAttributesSchema,
  ZUserBulkResultSchema,
  ZUserBulkUpsertSchema,
  ZUserIdSchema,
  ZUserListQuerySchema,
  ZUserPageSchema,
  ZUserSchema,
  type TAttributes,
  type TUserBulkUpsert,
  type TUserListQuery,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { UsersService } from './users.service.js';

const ZUserParams = z.object({ id: ZUserIdSchema });
const ZUserBody = z.object({ attributes: ZAttributesSchema }).meta({ id: 'UserAttributes' });

@Controller('v1/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Contract({
    summary: 'List audience members, each with the segment the feed assigns them to; q filters by id',
    roles: Access.read,
    query: ZUserListQuerySchema,
    response: ZUserPageSchema,
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TUserListQuery) {
    return this.users.list(principal.workspaceId, query);
  }

  @Post('bulk')
  @Contract({
    summary: 'Upsert up to 10,000 users at once',
    roles: Access.audienceWrite,
    body: ZUserBulkUpsertSchema,
    bodySize: 'bulk',
    response: ZUserBulkResultSchema,
  })
  bulk(@CurrentPrincipal() principal: Principal, @Body() body: TUserBulkUpsert) {
    return this.users.upsertMany(principal.workspaceId, body.users);
  }

  @Get(':id')
  @Contract({ summary: 'Get a user', roles: Access.read, params: ZUserParams, response: ZUserSchema })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.users.get(principal.workspaceId, id);
  }

  @Put(':id')
  @Contract({
    summary: 'Create or replace a user',
    roles: Access.audienceWrite,
    params: ZUserParams,
    body: ZUserBody,
    response: ZUserSchema,
  })
  upsert(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: { attributes: TAttributes },
  ) {
    return this.users.upsertOne(principal.workspaceId, { id, attributes: body.attributes });
  }
}
