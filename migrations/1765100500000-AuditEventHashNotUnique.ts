import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_event.hash` is no longer UNIQUE (issue 11, carrying out at a region's volume). The
 * constraint guarded nothing that the primary key, `UNIQUE (prev_hash)` (the fork guard: no two
 * events link to the same predecessor) and SHA-256 do not, and nothing looks an event up by its
 * hash; its index took random inserts on millions of rows: on the generated region ≈ 50 µs of the
 * backend's CPU and ≈ 7 kB of WAL per event appended (docs/architecture.md).
 */
export class AuditEventHashNotUnique1765100500000 implements MigrationInterface {
  name = 'AuditEventHashNotUnique1765100500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_hash_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_hash_key UNIQUE (hash)`);
  }
}
