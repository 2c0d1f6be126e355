import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Region scale: a version of each person's rights, bumped when a delegation or headship changes (filled in by the rights-cache work). */
export class RightsVersion1765000100000 implements MigrationInterface {
  async up(_runner: QueryRunner): Promise<void> {}

  async down(_runner: QueryRunner): Promise<void> {}
}
