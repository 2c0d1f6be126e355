import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit scope of the order history ("orders all" for a head or an attestant of a few units)
 * filtered on the end user's name or on status: with only the unit's list index, each of the
 * unit's orders was read from the table for its end user or status (27,000 orders of one unit on a
 * region: 20–30 ms for the count of a name search; a status count went to a seq scan of the
 * table). This index carries the end user and the status in its leaves, so those filters and
 * their counts read the index alone. Its key is the unit list index's, in the history's order.
 *
 * IF NOT EXISTS: on the shared region benchmark database the index was built by hand first.
 */
const INDEXES: [name: string, definition: string][] = [
  [
    'vmu_order_care_unit_cover_list_idx',
    'vmu_order (care_unit_id, created_at DESC, order_number DESC) INCLUDE (end_user_id, status)',
  ],
];

export class OrderListIndexes1765000400000 implements MigrationInterface {
  name = 'OrderListIndexes1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const [name, definition] of INDEXES)
      await q.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
    await q.query(`ANALYZE vmu_order`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
