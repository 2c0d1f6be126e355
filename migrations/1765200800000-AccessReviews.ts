import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access reviews (issue 17, "Granskning av behörigheter"):
 * - review_campaign: what is reviewed (all units, an administration or chosen units), who reviews
 *   (the head of each unit), when (start, due and revoke dates), what an undecided item becomes at
 *   the due date (KEEP or REVOKE), an optional recurrence in months, and its state;
 * - review_item: the snapshot taken when the campaign starts, one row per holding of an
 *   assignment in scope (person, assignment, unit, since when, the engagement then, the last
 *   order), its reviewer, and the reviewer's decision: drafted (decision, comment, decided_at),
 *   then signed (sign_request_id, signed_at), and for a removal the revoke order placed for it;
 *   an item still unsigned when the campaign closes gets the campaign's rule (closed_by_rule).
 * The follow-up's notices are sent once each: reminded_half_at, reminded_late_at (50 % and 90 % of
 * the time), escalated_at (the due date), each set in the transaction that enqueues its mails.
 */
export class AccessReviews1765200800000 implements MigrationInterface {
  name = 'AccessReviews1765200800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        scope_kind varchar(16) NOT NULL CHECK (scope_kind IN ('ALL', 'ADMINISTRATION', 'UNITS')),
        administration_id uuid,
        care_unit_ids uuid[] NOT NULL DEFAULT '{}',
        reviewer_rule varchar(16) NOT NULL DEFAULT 'HEAD' CHECK (reviewer_rule IN ('HEAD')),
        start_date date NOT NULL,
        due_date date NOT NULL,
        revoke_date date NOT NULL,
        undecided_rule varchar(8) NOT NULL CHECK (undecided_rule IN ('KEEP', 'REVOKE')),
        recurrence_months smallint CHECK (recurrence_months BETWEEN 1 AND 60),
        status varchar(16) NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'ACTIVE', 'CLOSED')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        closed_at timestamptz,
        reminded_half_at timestamptz,
        reminded_late_at timestamptz,
        escalated_at timestamptz,
        next_campaign_id uuid REFERENCES review_campaign(id),
        CONSTRAINT review_campaign_dates_chk CHECK (due_date > start_date AND revoke_date >= due_date),
        CONSTRAINT review_campaign_scope_chk CHECK (
          (scope_kind = 'ADMINISTRATION') = (administration_id IS NOT NULL)
          AND (scope_kind = 'UNITS') = (cardinality(care_unit_ids) > 0))
      )`);
    await q.query(`CREATE INDEX review_campaign_status_idx ON review_campaign (status, start_date)`);
    await q.query(`
      CREATE TABLE review_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES review_campaign(id) ON DELETE CASCADE,
        care_unit_id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        person_id uuid NOT NULL,
        held_from date NOT NULL,
        held_to date,
        engagement_active boolean NOT NULL,
        last_order_number varchar(16),
        reviewer_id uuid,
        decision varchar(8) CHECK (decision IN ('KEEP', 'REMOVE')),
        comment text,
        decided_at timestamptz,
        sign_request_id uuid,
        signed_at timestamptz,
        closed_by_rule boolean NOT NULL DEFAULT false,
        revoke_order_id uuid,
        revoke_order_number varchar(16),
        CONSTRAINT review_item_once UNIQUE (campaign_id, person_id, assignment_id),
        CONSTRAINT review_item_comment_chk CHECK (decision IS DISTINCT FROM 'REMOVE' OR comment IS NOT NULL),
        CONSTRAINT review_item_signed_chk CHECK (signed_at IS NULL OR decision IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX review_item_reviewer_idx ON review_item (reviewer_id, campaign_id, care_unit_id)`,
    );
    await q.query(`CREATE INDEX review_item_campaign_unit_idx ON review_item (campaign_id, care_unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_item`);
    await q.query(`DROP TABLE review_campaign`);
  }
}
