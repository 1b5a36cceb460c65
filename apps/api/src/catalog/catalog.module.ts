import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller.js';
import { AssetsRepository } from './assets.repository.js';
import { AssetsService } from './assets.service.js';
import { ItemImportService } from './item-import.service.js';
import { ItemsController } from './items.controller.js';
import { ItemsRepository } from './items.repository.js';
import { ItemsService } from './items.service.js';

@Module({
  controllers: [ItemsController, AssetsController],
  providers: [ItemsRepository, ItemsService, ItemImportService, AssetsRepository, AssetsService],
  exports: [ItemsRepository, ItemsService, ItemImportService, AssetsService],
})
export class CatalogModule {}
