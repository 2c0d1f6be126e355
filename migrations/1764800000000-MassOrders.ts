import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mass orders (rule 8): a batch is one send of many orders for one assignment. Its orders carry
 * its id in `vmu_order.batch_id`; this table keeps what the batch is as a whole (who sent it, for
 * which assignment, to which attestant, how many of each kind), so the receipt and the attest
 * queue need not piece it together from a thousand orders.
 *
 * `attestant_id` is the attestant named at sending; each order's own attestant may change later
 * (change of attestant is per order), so "the batches I attest" is read from the orders.
 *
 * No foreign key from `vmu_order.batch_id`: orders are older than batches, and the state
 * machine accepts a batch id from whichever workflow groups orders.
 */
export class MassOrders1764800000000 implements MigrationInterface {
  name = 'MassOrders1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mass_order_batch (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        care_unit_id uuid NOT NULL REFERENCES care_unit(id),
        orderer_id uuid NOT NULL REFERENCES person(id),
        attestant_id uuid NOT NULL REFERENCES person(id),
        start_date date NOT NULL,
        urgent boolean NOT NULL DEFAULT false,
        comment varchar(2000),
        grant_count integer NOT NULL CHECK (grant_count >= 0),
        revoke_count integer NOT NULL CHECK (revoke_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mass_order_batch_not_empty_chk CHECK (grant_count + revoke_count > 0)
      )`);
    await q.query(
      `CREATE INDEX mass_order_batch_orderer_idx ON mass_order_batch (orderer_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX mass_order_batch_care_unit_idx ON mass_order_batch (care_unit_id, created_at DESC)`,
    );
    // The person search of "Lägg till användare" matches names folded (case and accents): kept
    // folded beside the names, a search no longer runs unaccent on every row it looks at, which
    // was most of its time at 60,000 persons. Later words ("Maria" of "Linda Maria") only occur
    // in names with a space: partial indexes over those few make that branch cheap.
    await q.query(`
      ALTER TABLE person
        ADD COLUMN first_name_fold text GENERATED ALWAYS AS (beh_fold(first_name)) STORED,
        ADD COLUMN last_name_fold text GENERATED ALWAYS AS (beh_fold(last_name)) STORED`);
    for (const column of ['first_name_fold', 'last_name_fold']) {
      await q.query(`CREATE INDEX person_${column}_col_idx ON person (${column} text_pattern_ops)`);
      await q.query(
        `CREATE INDEX person_${column}_words_idx ON person (${column} text_pattern_ops) WHERE ${column} LIKE '% %'`,
      );
    }
    // The members page reads the pending lines of one assignment; the pending-line index leads
    // with the end user, so it cannot serve that.
    await q.query(`
      CREATE INDEX vmu_order_item_pending_assignment_idx ON vmu_order_item (assignment_id, end_user_id)
        WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vmu_order_item_pending_assignment_idx`);
    await q.query(`ALTER TABLE person DROP COLUMN first_name_fold, DROP COLUMN last_name_fold`);
    await q.query(`DROP TABLE mass_order_batch`);
  }
}
