import { Body, Controller, Delete, Get, Inject, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  ZApiKeyCreatedSchema,
  ZApiKeyCreateSchema,
  ZApiKeySchema,
  ZWhoAmISchema,
  type TApiKeyCreate,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { WorkspacesService } from './workspaces.service.js';

const ZKeyParams = z.object({ id: z.string().min(1) });

@Controller('v1')
export class ApiKeysController {
  constructor(@Inject(WorkspacesService) private readonly workspaces: WorkspacesService) {}

  @Get('me')
  @Contract({ summary: 'The calling key and its workspace', roles: Access.anyKey, response: ZWhoAmISchema })
  async me(@CurrentPrincipal() principal: Principal) {
    const [workspace, keys] = await Promise.all([
      this.workspaces.getWorkspace(principal.workspaceId),
      this.workspaces.listApiKeys(principal.workspaceId),
    ]);
    return { workspace, apiKey: keys.find((k) => k.id === principal.apiKeyId)! };
  }

  @Get('api-keys')
  @Contract({ summary: 'List API keys (never their secrets)', roles: Access.admin, response: z.array(ZApiKeySchema) })
  list(@CurrentPrincipal() principal: Principal) {
    return this.workspaces.listApiKeys(principal.workspaceId);
  }

  @Post('api-keys')
  @Contract({
    summary: 'Create an API key; the secret is shown in this response only',
    roles: Access.admin,
    body: ZApiKeyCreateSchema,
    response: ZApiKeyCreatedSchema,
    status: 201,
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: TApiKeyCreate) {
    return this.workspaces.createApiKey(principal.workspaceId, body);
  }

  @Delete('api-keys/:id')
  @Contract({ summary: 'Revoke an API key', roles: Access.admin, params: ZKeyParams, response: ZApiKeySchema })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.workspaces.revokeApiKey(principal, id);
  }
}
