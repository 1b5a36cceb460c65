import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ZConformanceQuerySchema, ZConformanceSchema, type TConformanceQuery } from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { Contract } from '../contract/contract.decorator.js';
import { ConformanceService } from './conformance.service.js';

@Controller('v1/insights')
export class ConformanceController {
  constructor(@Inject(ConformanceService) private readonly conformance: ConformanceService) {}

  @Get('conformance')
  @Contract({
    summary:
      "Style conformance: each item × segment's latest text variant, its measured reading grade and word count against the " +
      "segment's target, judged as the guardrails judge them",
    roles: Access.read,
    query: ZConformanceQuerySchema,
    response: ZConformanceSchema,
  })
  measure(@CurrentPrincipal() principal: Principal, @Query() query: TConformanceQuery) {
    return this.conformance.conformance(principal.workspaceId, query);
  }
}
