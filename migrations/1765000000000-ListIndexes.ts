import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Region scale: indexes for every filter and sort the lists offer (filled in by the list-layer work). */
export class ListIndexes1765000000000 implements MigrationInterface {
  async up(_runner: QueryRunner): Promise<void> {}

  async down(_runner: QueryRunner): Promise<void> {}
}
