import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Innehav på datum" and a person's history (issue 17) name the order that granted each holding
 * (orders `reports.queries.ts`, grantingOrderSql): the carried-out Nyupplägg line of the holder
 * and assignment whose order starts on the holding's first day. vmu_order_item had only the
 * assignment index (every line of an assignment: thousands for a big unit's VoB SJF, per row of
 * a page) and the partial indexes of pending lines; this one holds only carried-out grant lines,
 * keyed by end user and assignment, so each row's lookup reads the one or two lines it needs.
 */
const INDEXES: [name: string, definition: string][] = [
  [
    'vmu_order_item_granted_idx',
    `vmu_order_item (end_user_id, assignment_id) WHERE type = 'GRANT' AND status = 'DONE'`,
  ],
];

export class ReportIndexes1765201000000 implements MigrationInterface {
  name = 'ReportIndexes1765201000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const [name, definition] of INDEXES)
      await q.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
    await q.query(`ANALYZE vmu_order_item`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
