import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { DemoSeeder } from './demo-seeder.service.js';

@Module({ imports: [CatalogModule, AudienceModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
