import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit chain head anchored outside the database (issue 12, point 6). */
export class AuditAnchors1765100300000 implements MigrationInterface {
  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
