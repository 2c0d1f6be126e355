import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { directoryEntities } from './entities/index.js';

@Module({
  imports: [TypeOrmModule.forFeature(directoryEntities)],
  controllers: [],
  providers: [],
  exports: [],
})
export class DirectoryModule {}
