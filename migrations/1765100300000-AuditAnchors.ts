import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain head anchored outside the database (issue 12, point 6): each row is a signed
 * checkpoint (the head's event id, hash and count at a time, with an HMAC) that was also published
 * to the application log and to a configured mail address and/or URL. Verification compares the
 * latest rows with the chain; the copies outside are compared through POST
 * /api/audit-events/verify-anchor, since a superuser could delete these rows with the tail.
 */
export class AuditAnchors1765100300000 implements MigrationInterface {
  name = 'AuditAnchors1765100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_anchor (
        id bigserial PRIMARY KEY,
        event_id bigint,
        event_hash char(64) NOT NULL CHECK (event_hash ~ '^[0-9a-f]{64}$'),
        event_count bigint NOT NULL CHECK (event_count >= 0),
        anchored_at timestamptz NOT NULL,
        mac char(64) NOT NULL CHECK (mac ~ '^[0-9a-f]{64}$'),
        mail_id uuid,
        url_status varchar(200)
      )`);
    await q.query(`CREATE INDEX audit_anchor_at_idx ON audit_anchor (anchored_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_anchor`);
  }
}
