import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The attest queue's stamp: a number per attestant that moves with every committed write that
 * can change what their queue (its pages, counts and batches) shows, so that a server may keep an
 * answer of the queue and give it again while the stamp is unchanged (AttestQueueAnswers, the
 * attest module). Issue 11: the queue at 20 requests in flight.
 *
 * `attest_queue_stamp` (owned by the orders module) is appended to, never updated: one row per
 * attestant whose queue a statement touched, and a row with no attestant when a name the queue
 * shows (or filters on) changed, which moves every attestant's stamp: that row's attestant is the
 * nil uuid (EVERYONE in server/src/orders/attest-queue-stamp.ts), so both are found by equality. A stamp is the sum of the
 * weights of the rows visible to the statement that reads it, so
 *
 * - a write's row becomes visible exactly when the write does (same transaction), and every
 *   visible row adds at least 1: two reads see the same sums only when they see the same writes
 *   (a later snapshot sees every transaction an earlier one saw);
 * - writers take no lock on it: concurrent orders for one attestant (a mass order of a thousand
 *   among them) neither wait for each other nor deadlock on a counter row;
 * - the scheduler folds each attestant's rows into one whose weight is their sum
 *   (foldAttestQueueStamps), which keeps every sum as it was.
 *
 * Statement-level triggers on the orders module's own tables write it for every writer (the
 * services, the seed, a hand-written UPDATE); row-level triggers, with WHEN so that an update
 * that changes none of those columns costs no call, on the names the queue shows: persons (name,
 * VGR-ID; the fold columns follow the names), care units (name, förvaltning), förvaltningar,
 * assignments (name, kind), verksamheter (name, område), områden, templates and professions.
 * Those triggers are the database's side of reads that already exist (the queue joins those
 * tables through directory.reads.ts and attest.reads.ts); the owning modules' code never names
 * this table. Rows are only ever inserted or updated in place there: a deleted name cannot be on
 * an order (foreign keys), and an inserted one is on none yet.
 */
const NAME_COLUMNS: [table: string, columns: string[]][] = [
  ['person', ['first_name', 'last_name', 'user_id']],
  ['care_unit', ['name', 'administration_id']],
  ['administration', ['name']],
  ['assignment', ['name', 'kind']],
  ['access_operation', ['name', 'area_id']],
  ['access_area', ['name']],
  ['access_template', ['name']],
  ['profession', ['name']],
];

export class AttestQueueStamp1765200500000 implements MigrationInterface {
  name = 'AttestQueueStamp1765200500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attest_queue_stamp (
        id bigserial PRIMARY KEY,
        attestant_id uuid NOT NULL,
        weight bigint NOT NULL DEFAULT 1 CHECK (weight > 0)
      )`);
    await q.query(
      `CREATE INDEX attest_queue_stamp_attestant_idx ON attest_queue_stamp (attestant_id) INCLUDE (weight)`,
    );

    // The attestants of the orders a statement wrote that await attest, before or after it.
    await q.query(`
      CREATE FUNCTION attest_queue_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO attest_queue_stamp (attestant_id)
          SELECT DISTINCT n.attestant_id FROM new_rows n
           WHERE n.status = 'AWAITING_ATTEST' AND n.attestant_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO attest_queue_stamp (attestant_id)
          SELECT DISTINCT o.attestant_id FROM old_rows o
           WHERE o.status = 'AWAITING_ATTEST' AND o.attestant_id IS NOT NULL;
        ELSE
          INSERT INTO attest_queue_stamp (attestant_id)
          SELECT x.attestant_id FROM (
            SELECT o.attestant_id FROM old_rows o WHERE o.status = 'AWAITING_ATTEST'
            UNION SELECT n.attestant_id FROM new_rows n WHERE n.status = 'AWAITING_ATTEST') x
           WHERE x.attestant_id IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`);

    // The attestants of the orders whose lines a statement wrote, while those orders await attest.
    // A line deleted with its order (cascade) is covered by the order's own trigger.
    await q.query(`
      CREATE FUNCTION attest_queue_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO attest_queue_stamp (attestant_id)
          SELECT DISTINCT o.attestant_id FROM vmu_order o
           WHERE o.id IN (SELECT n.order_id FROM new_rows n)
             AND o.status = 'AWAITING_ATTEST' AND o.attestant_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO attest_queue_stamp (attestant_id)
          SELECT DISTINCT o.attestant_id FROM vmu_order o
           WHERE o.id IN (SELECT r.order_id FROM old_rows r)
             AND o.status = 'AWAITING_ATTEST' AND o.attestant_id IS NOT NULL;
        ELSE
          INSERT INTO attest_queue_stamp (attestant_id)
          SELECT DISTINCT o.attestant_id FROM vmu_order o
           WHERE o.id IN (SELECT r.order_id FROM old_rows r UNION SELECT n.order_id FROM new_rows n)
             AND o.status = 'AWAITING_ATTEST' AND o.attestant_id IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`);

    for (const [table, fn] of [
      ['vmu_order', 'attest_queue_orders_changed'],
      ['vmu_order_item', 'attest_queue_items_changed'],
    ] as const) {
      await q.query(`
        CREATE TRIGGER ${table}_attest_queue_inserted AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`
        CREATE TRIGGER ${table}_attest_queue_updated AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`
        CREATE TRIGGER ${table}_attest_queue_deleted AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }

    // TRUNCATE fires no DELETE trigger: every queue moves.
    await q.query(`
      CREATE FUNCTION attest_queue_everyone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO attest_queue_stamp (attestant_id) VALUES ('00000000-0000-0000-0000-000000000000');
        RETURN NULL;
      END $$`);
    for (const table of ['vmu_order', 'vmu_order_item']) {
      await q.query(`
        CREATE TRIGGER ${table}_attest_queue_truncated AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION attest_queue_everyone_changed()`);
    }
    for (const [table, columns] of NAME_COLUMNS) {
      const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
      await q.query(`
        CREATE TRIGGER ${table}_attest_queue_renamed AFTER UPDATE OF ${columns.join(', ')} ON ${table}
          FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION attest_queue_everyone_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of NAME_COLUMNS)
      await q.query(`DROP TRIGGER ${table}_attest_queue_renamed ON ${table}`);
    for (const table of ['vmu_order', 'vmu_order_item']) {
      for (const event of ['inserted', 'updated', 'deleted', 'truncated']) {
        await q.query(`DROP TRIGGER ${table}_attest_queue_${event} ON ${table}`);
      }
    }
    await q.query(`DROP FUNCTION attest_queue_everyone_changed()`);
    await q.query(`DROP FUNCTION attest_queue_items_changed()`);
    await q.query(`DROP FUNCTION attest_queue_orders_changed()`);
    await q.query(`DROP TABLE attest_queue_stamp`);
  }
}
