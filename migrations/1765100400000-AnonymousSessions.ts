import type { MigrationInterface, QueryRunner } from 'typeorm';

/** No rows for anonymous requests; sweeps of ended sessions and SAML requests (issue 12, point 6). */
export class AnonymousSessions1765100400000 implements MigrationInterface {
  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
