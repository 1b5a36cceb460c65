import { Module } from '@nestjs/common';
import { InsightsController } from './insights.controller.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsService } from './insights.service.js';

/** What the exposure log says about variants: rates with intervals, winners, uplift, split checks. */
@Module({ controllers: [InsightsController], providers: [InsightsRepository, InsightsService] })
export class InsightsModule {}
