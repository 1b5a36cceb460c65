import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZRankRequestSchema,
  ZRecommendationQuerySchema,
  ZRecommendationResponseSchema,
  ZRecommenderStatusSchema,
  ZUserIdSchema,
  type TRankRequest,
  type TRecommendationQuery,
} from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { RecommendationsService } from './recommendations.service.js';

const ZUserParams = z.object({ id: ZUserIdSchema });

@Controller('v1')
export class RecommendationsController {
  constructor(@Inject(RecommendationsService) private readonly recommendations: RecommendationsService) {}

  @Get('users/:id/recommendations')
  @Contract({
    summary: 'Ranked items for a user: recall, classical or LLM ranking, diversity rerank, explanations',
    roles: Access.feed,
    params: ZUserParams,
    query: ZRecommendationQuerySchema,
    response: ZRecommendationResponseSchema,
  })
  recommend(
    @CurrentPrincipal() principal: Principal,
    @Param('id') userId: string,
    @Query() query: TRecommendationQuery,
  ) {
    return this.recommendations.recommend(principal.workspaceId, userId, query);
  }

  @Post('rank')
  @Contract({
    summary: "Order the platform's own candidate items for a user",
    roles: Access.feed,
    body: ZRankRequestSchema,
    response: ZRecommendationResponseSchema,
  })
  rank(@CurrentPrincipal() principal: Principal, @Body() body: TRankRequest) {
    return this.recommendations.rank(principal.workspaceId, body);
  }

  @Get('recommender')
  @Contract({ summary: "The workspace's fitted model: size, fit time, memory", roles: Access.read, response: ZRecommenderStatusSchema })
  status(@CurrentPrincipal() principal: Principal) {
    return this.recommendations.status(principal.workspaceId, false);
  }

  @Post('recommender/refit')
  @Contract({ summary: 'Refit the model from the current catalog and events', roles: Access.admin, response: ZRecommenderStatusSchema })
  refit(@CurrentPrincipal() principal: Principal) {
    return this.recommendations.status(principal.workspaceId, true);
  }
}
