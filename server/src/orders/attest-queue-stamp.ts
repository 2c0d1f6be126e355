import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared } from '../common/prepared.js';
import { attestantsStoodInForSql } from '../delegations/stand-ins.reads.js';

/**
 * The attest queue's stamp (migration AttestQueueStamp): a value per attestant that changes with
 * every committed write that can change what their queue shows — an order or line awaiting their
 * attest written, or a name the queue shows or searches changed. Whoever keeps an answer of the
 * queue may give it again while the stamp read before that answer is unchanged; the orders module
 * publishes it with the queue's reads (attest-queue.queries.ts).
 */

/** The attestant of the stamp rows that move every queue (a name changed): the nil uuid. */
export const EVERYONE = '00000000-0000-0000-0000-000000000000';

const STAMP_SQL = `SELECT
  (SELECT coalesce(sum(weight), 0) FROM attest_queue_stamp WHERE attestant_id = $1)::text || ':' ||
  (SELECT coalesce(sum(weight), 0) FROM attest_queue_stamp WHERE attestant_id = $2)::text AS stamp`;

/**
 * The stamp of `attestantId`'s queue, as "theirs:everyone's". Read it before the answer it
 * stands for: the answer then shows every write the stamp counts (or later ones), never fewer.
 */
export async function attestQueueStamp(db: DataSource | EntityManager, attestantId: string): Promise<string> {
  const [row] = await queryPrepared<{ stamp: string }[]>(db, STAMP_SQL, [attestantId, EVERYONE]);
  return row.stamp;
}

/** Whose orders a person's queue holds on a day, and the stamp of them all. */
export interface AttestQueueScope {
  /** The person, then the attestants they stand in for that day (domain.md rule 41), sorted. */
  attestantIds: string[];
  /**
   * "ids;theirs:everyone's": the attestants' ids, the sum of all their stamp rows' weights (each
   * weight is positive, so any write to any of them moves the sum) and everyone's. A stand-in
   * named, ended, begun or run out changes the ids, and so the stamp.
   */
  stamp: string;
}

const SCOPE_SQL = `WITH ids AS (
    SELECT $1::uuid AS id UNION SELECT x.attestant_id FROM (${attestantsStoodInForSql('$1::uuid', '$3')}) AS x
  )
  SELECT (SELECT array_agg(id::text ORDER BY id = $1::uuid DESC, id) FROM ids) AS ids,
    (SELECT coalesce(sum(weight), 0) FROM attest_queue_stamp WHERE attestant_id IN (SELECT id FROM ids))::text
      || ':' ||
    (SELECT coalesce(sum(weight), 0) FROM attest_queue_stamp WHERE attestant_id = $2)::text AS stamp`;

/**
 * The queue of `personId` on `day`: their own orders and those of the attestants they stand in
 * for, with its stamp, in one statement (the stand-ins' partial index, then the stamp rows). Read
 * it before the answer it stands for, as attestQueueStamp.
 */
export async function attestQueueScope(
  db: DataSource | EntityManager,
  personId: string,
  day: string,
): Promise<AttestQueueScope> {
  const [row] = await queryPrepared<{ ids: string[]; stamp: string }[]>(db, SCOPE_SQL, [
    personId,
    EVERYONE,
    day,
  ]);
  return { attestantIds: row.ids, stamp: `${row.ids.join(',')};${row.stamp}` };
}

/** Any constant: one process folds at a time (two could delete the same rows in different orders). */
const FOLD_LOCK = 774_201_113;

/**
 * Folds each attestant's stamp rows into one row weighing their sum, which leaves every stamp as
 * it was: the table stays about one row per attestant, however many orders are written. For the
 * scheduler's tick; a process that finds another folding leaves it to that one. Returns how many
 * rows went.
 */
export async function foldAttestQueueStamps(db: DataSource): Promise<number> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock($1) AS locked`,
      [FOLD_LOCK],
    );
    if (!locked) return 0;
    const [{ folded }] = await tx.query<{ folded: number }[]>(
      `WITH many AS (
         SELECT attestant_id FROM attest_queue_stamp GROUP BY attestant_id HAVING count(*) > 1
       ), gone AS (
         DELETE FROM attest_queue_stamp s USING many WHERE s.attestant_id = many.attestant_id
         RETURNING s.attestant_id, s.weight
       ), kept AS (
         INSERT INTO attest_queue_stamp (attestant_id, weight)
         SELECT attestant_id, sum(weight) FROM gone GROUP BY attestant_id
         RETURNING 1
       )
       SELECT ((SELECT count(*) FROM gone) - (SELECT count(*) FROM kept))::int AS folded`,
    );
    return folded;
  });
}
