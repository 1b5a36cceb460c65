import { Body, Controller, Get, Inject, Param, Patch, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZBanditStateQuerySchema,
  ZBanditStateSchema,
  ZDeliverySettingsPatchSchema,
  ZDeliverySettingsSchema,
  ZFeedQuerySchema,
  ZFeedResponseSchema,
  ZUserIdSchema,
  ErrorCode,
  PlatformError,
  roleMay,
  type TBanditStateQuery,
  type TDeliverySettingsPatch,
  type TFeedQuery,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { DeliverySettingsService } from './delivery-settings.service.js';
import { FeedService } from './feed.service.js';

const ZUserParams = z.object({ id: ZUserIdSchema });

@Controller('v1')
export class FeedController {
  constructor(
    @Inject(FeedService) private readonly feeds: FeedService,
    @Inject(DeliverySettingsService) private readonly settings: DeliverySettingsService,
  ) {}

  @Get('users/:id/feed')
  @Contract({
    summary:
      "The user's ranked items, each in the variant chosen for their segment (or the original, with the reason), " +
      'with signed image URLs for the channel format and a servedId to send back with events',
    roles: Access.feed,
    params: ZUserParams,
    query: ZFeedQuerySchema,
    response: ZFeedResponseSchema,
  })
  feed(@CurrentPrincipal() principal: Principal, @Param('id') userId: string, @Query() query: TFeedQuery) {
    if (query.preview && !roleMay(principal.role, 'feedPreview')) {
      throw new PlatformError(ErrorCode.Forbidden, `A ${principal.role} key serves real users: its feeds are always logged (preview is for studio roles)`, {
        errors: [{ path: 'query.preview', message: `not allowed for role ${principal.role}` }],
      });
    }
    return this.feeds.feed(principal.workspaceId, userId, query);
  }

  @Get('delivery/bandit')
  @Contract({
    summary: "The bandit's shared state for an item and segment: counters per arm and the probability each is served with now",
    roles: Access.read,
    query: ZBanditStateQuerySchema,
    response: ZBanditStateSchema,
  })
  banditState(@CurrentPrincipal() principal: Principal, @Query() query: TBanditStateQuery) {
    return this.feeds.banditState(principal.workspaceId, query);
  }

  @Get('delivery/settings')
  @Contract({ summary: "How the workspace's feeds choose variants", roles: Access.read, response: ZDeliverySettingsSchema })
  getSettings(@CurrentPrincipal() principal: Principal) {
    return this.settings.get(principal.workspaceId);
  }

  @Patch('delivery/settings')
  @Contract({
    summary: 'Change the policy (thompson | uniform | fixed), the control arm, the exploration floor or the sticky window',
    roles: Access.catalogWrite,
    body: ZDeliverySettingsPatchSchema,
    response: ZDeliverySettingsSchema,
  })
  updateSettings(@CurrentPrincipal() principal: Principal, @Body() body: TDeliverySettingsPatch) {
    return this.settings.update(principal.workspaceId, body);
  }
}
