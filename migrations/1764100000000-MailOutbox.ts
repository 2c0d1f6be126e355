import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: a mail is a row written in the same transaction as the change that
 * causes it, so a rolled-back change sends nothing and a committed one is never forgotten.
 * The delivery worker claims due rows (status PENDING, next_attempt_at passed) with
 * `FOR UPDATE SKIP LOCKED`; the partial index keeps that claim cheap however many mails were sent.
 */
export class MailOutbox1764100000000 implements MigrationInterface {
  name = 'MailOutbox1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address varchar(254),
        subject varchar(500) NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        template varchar(64) NOT NULL,
        related_type varchar(64),
        related_id varchar(64),
        status varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT mail_outbox_sent_chk CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
        CONSTRAINT mail_outbox_address_chk CHECK (to_address IS NOT NULL OR status = 'FAILED')
      )`);
    await q.query(
      `CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC)`);
    await q.query(`CREATE INDEX mail_outbox_status_created_idx ON mail_outbox (status, created_at DESC)`);
    await q.query(`CREATE INDEX mail_outbox_to_idx ON mail_outbox (lower(to_address) text_pattern_ops)`);
    await q.query(`CREATE INDEX mail_outbox_related_idx ON mail_outbox (related_type, related_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_outbox`);
  }
}
