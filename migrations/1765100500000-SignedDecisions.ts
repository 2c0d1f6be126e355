import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Signature verification bound to the order; attestant never the end user (issue 12, point 6). */
export class SignedDecisions1765100500000 implements MigrationInterface {
  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
