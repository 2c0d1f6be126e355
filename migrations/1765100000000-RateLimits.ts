import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate limits shared by every instance (issue 12, point 2). Filled by the rate-limit work. */
export class RateLimits1765100000000 implements MigrationInterface {
  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
