import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who looked up or opened which person, append-only (issue 12, point 3). */
export class PersonAccessLog1765100100000 implements MigrationInterface {
  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
