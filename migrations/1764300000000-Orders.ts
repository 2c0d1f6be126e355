import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VMU orders and their lines. `order` is a reserved word, hence `vmu_order`.
 *
 * Order numbers are `BEH` + 7 digits from `order_number_seq`: a sequence never hands the same
 * number out twice, even to concurrent transactions, and a rolled-back send only leaves a gap.
 * It starts where the seed's example numbers are and stops at 9999999 rather than grow an eighth
 * digit.
 *
 * `vmu_order_item_pending_uq` is what really keeps a person from getting two open orders for the
 * same assignment: the rule checks before the insert read committed data, so two sends at the
 * same moment could both pass them, but only one of them can insert its PENDING line.
 *
 * The status columns carry CHECKs of the values only; which transitions are allowed is the
 * state machine's (server/src/orders/order-state.ts).
 */
export class Orders1764300000000 implements MigrationInterface {
  name = 'Orders1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE order_number_seq START WITH 5648820 MINVALUE 1 MAXVALUE 9999999 NO CYCLE`);

    await q.query(`
      CREATE TABLE vmu_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_number varchar(10) NOT NULL CHECK (order_number ~ '^BEH[0-9]{7}$'),
        type varchar(8) NOT NULL CHECK (type IN ('GRANT', 'REVOKE')),
        status varchar(16) NOT NULL
          CHECK (status IN ('AWAITING_ATTEST', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED')),
        end_user_id uuid NOT NULL REFERENCES person(id),
        orderer_id uuid NOT NULL REFERENCES person(id),
        attestant_id uuid NOT NULL REFERENCES person(id),
        care_unit_id uuid NOT NULL REFERENCES care_unit(id),
        start_date date NOT NULL,
        end_date date,
        urgent boolean NOT NULL DEFAULT false,
        comment varchar(2000),
        reject_comment varchar(2000),
        feedback text,
        batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        completed_at timestamptz,
        CONSTRAINT vmu_order_number_uq UNIQUE (order_number),
        CONSTRAINT vmu_order_dates_chk CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    // One index per filter of the order history, each ending in created_at so that "newest
    // first" within the filter is read in index order.
    await q.query(`CREATE INDEX vmu_order_created_idx ON vmu_order (created_at DESC, order_number DESC)`);
    await q.query(`CREATE INDEX vmu_order_orderer_idx ON vmu_order (orderer_id, created_at DESC)`);
    await q.query(`CREATE INDEX vmu_order_end_user_idx ON vmu_order (end_user_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX vmu_order_attestant_status_idx ON vmu_order (attestant_id, status, created_at DESC)`,
    );
    await q.query(`CREATE INDEX vmu_order_care_unit_idx ON vmu_order (care_unit_id, created_at DESC)`);
    await q.query(`CREATE INDEX vmu_order_status_idx ON vmu_order (status, created_at DESC)`);
    await q.query(`CREATE INDEX vmu_order_type_idx ON vmu_order (type, created_at DESC)`);
    // The unique constraint serves equality; prefix search ("BEH56488…") needs pattern ops.
    await q.query(`CREATE INDEX vmu_order_number_prefix_idx ON vmu_order (order_number varchar_pattern_ops)`);
    await q.query(`CREATE INDEX vmu_order_batch_idx ON vmu_order (batch_id) WHERE batch_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE vmu_order_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES vmu_order(id),
        end_user_id uuid NOT NULL REFERENCES person(id),
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        type varchar(8) NOT NULL CHECK (type IN ('GRANT', 'REVOKE')),
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'DONE', 'REMOVED', 'REJECTED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT vmu_order_item_line_uq UNIQUE (order_id, assignment_id)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX vmu_order_item_pending_uq ON vmu_order_item (end_user_id, assignment_id)
        WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX vmu_order_item_assignment_idx ON vmu_order_item (assignment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vmu_order_item`);
    await q.query(`DROP TABLE vmu_order`);
    await q.query(`DROP SEQUENCE order_number_seq`);
  }
}
