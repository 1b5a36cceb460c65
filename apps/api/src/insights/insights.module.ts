import { Module } from '@nestjs/common';
import { ConformanceController } from './conformance.controller.js';
import { ConformanceRepository } from './conformance.repository.js';
import { ConformanceService } from './conformance.service.js';
import { InsightsController } from './insights.controller.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsService } from './insights.service.js';

/**
 * What the exposure log says about variants (rates with intervals, winners, uplift, split checks),
 * and how the stored text variants conform to their segments' style targets.
 */
@Module({
  controllers: [InsightsController, ConformanceController],
  providers: [InsightsRepository, InsightsService, ConformanceRepository, ConformanceService],
})
export class InsightsModule {}
