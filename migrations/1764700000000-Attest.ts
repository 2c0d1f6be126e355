import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attest (server/src/attest): each decided order points at the sign request whose signature made
 * the decision. The document, signature and certificate stay in `sign_request` (the signing
 * module's), so one signature over a batch document is stored once and shared by its orders.
 *
 * No CHECK ties APPROVED/REJECTED to a signature here: the state machine's own tests (and the
 * scheduler's) move orders directly; the attest module is the only path the API offers, and it
 * sets the reference in the same transaction as the decision.
 */
export class Attest1764700000000 implements MigrationInterface {
  name = 'Attest1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vmu_order ADD COLUMN sign_request_id uuid REFERENCES sign_request(id)`);
    await q.query(
      `CREATE INDEX vmu_order_sign_request_idx ON vmu_order (sign_request_id) WHERE sign_request_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vmu_order_sign_request_idx`);
    await q.query(`ALTER TABLE vmu_order DROP COLUMN sign_request_id`);
  }
}
