import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CurrentSegments } from './current-segments.js';
import { EventsController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { SegmentsController } from './segments.controller.js';
import { SegmentsRepository } from './segments.repository.js';
import { SegmentsService } from './segments.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [CatalogModule],
  controllers: [UsersController, SegmentsController, EventsController],
  providers: [UsersRepository, UsersService, SegmentsRepository, SegmentsService, CurrentSegments, EventsRepository, EventsService],
  exports: [UsersService, SegmentsService, EventsService, UsersRepository, SegmentsRepository, CurrentSegments, EventsRepository],
})
export class AudienceModule {}
