/** Many approved orders due at once, for the carry-out benchmark and the two-process test. */

interface Db {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * Inserts `count` APPROVED orders of one line each, dated over the week up to `today`: revokes
 * of holdings the seed gave its staff (a tenth), and grants of assignments people do not hold
 * for the rest, over the generated staff and every unit's catalogue. The unit's head orders
 * and attests. Written straight into the tables in one transaction (attest, with its
 * signatures, is not what is measured), so they all become due at the same moment.
 */
export async function insertDueOrders(db: Db, count: number, today: string): Promise<void> {
  await db.query(
    `WITH revokes AS (
       SELECT h.person_id, h.assignment_id, 'REVOKE'::varchar AS type FROM held_assignment h
        WHERE h.valid_to IS NULL ORDER BY h.id LIMIT $1::int / 10
     ), grants AS (
       SELECT p.id AS person_id, a.id AS assignment_id, 'GRANT'::varchar AS type
         FROM person p CROSS JOIN assignment a
        WHERE NOT EXISTS (SELECT 1 FROM held_assignment h WHERE h.person_id = p.id AND h.assignment_id = a.id)
        ORDER BY md5(p.id::text || a.id::text)
        LIMIT $1::int - (SELECT count(*) FROM revokes)
     ), line AS (
       SELECT gen_random_uuid() AS order_id, l.*, row_number() OVER () AS n
         FROM (SELECT * FROM revokes UNION ALL SELECT * FROM grants) l
     ), orders AS (
       INSERT INTO vmu_order (id, order_number, type, status, end_user_id, orderer_id, attestant_id, care_unit_id,
                              start_date, created_at, updated_at, decided_at)
       SELECT l.order_id, 'BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), l.type, 'APPROVED',
              l.person_id, COALESCE(cu.head_of_unit_id, l.person_id), COALESCE(cu.head_of_unit_id, l.person_id),
              a.care_unit_id, $2::date - (l.n % 7)::int, now(), now(), now()
         FROM line l JOIN assignment a ON a.id = l.assignment_id JOIN care_unit cu ON cu.id = a.care_unit_id
        ORDER BY l.n
       RETURNING id
     )
     INSERT INTO vmu_order_item (order_id, end_user_id, assignment_id, type, status)
     SELECT l.order_id, l.person_id, l.assignment_id, l.type, 'PENDING'
       FROM line l JOIN orders o ON o.id = l.order_id`,
    [count, today],
  );
}
