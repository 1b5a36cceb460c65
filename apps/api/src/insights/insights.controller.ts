import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ZInsightsOverviewQuerySchema,
  ZInsightsOverviewSchema,
  ZVariantInsightsQuerySchema,
  ZVariantInsightsSchema,
  type TInsightsOverviewQuery,
  type TVariantInsightsQuery,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { InsightsService } from './insights.service.js';

@Controller('v1/insights')
export class InsightsController {
  constructor(@Inject(InsightsService) private readonly insights: InsightsService) {}

  @Get('variants')
  @Contract({
    summary:
      'Per (item, segment) test: exposures, clicks, CTR with a 95% Wilson interval, probability to be best, uplift over control ' +
      'with its interval, a per-day series, and a sample-ratio check for uniform tests',
    roles: Access.read,
    query: ZVariantInsightsQuerySchema,
    response: ZVariantInsightsSchema,
  })
  variants(@CurrentPrincipal() principal: Principal, @Query() query: TVariantInsightsQuery) {
    return this.insights.variants(principal.workspaceId, query);
  }

  @Get('overview')
  @Contract({
    summary: 'Per segment: personalized variants (text, text and image) against control, with the uplift and its interval',
    roles: Access.read,
    query: ZInsightsOverviewQuerySchema,
    response: ZInsightsOverviewSchema,
  })
  overview(@CurrentPrincipal() principal: Principal, @Query() query: TInsightsOverviewQuery) {
    return this.insights.overview(principal.workspaceId, query);
  }
}
