import type { EntityManager } from 'typeorm';

/** The notices the scheduler sends at most once per subject (scheduler_notice.kind). */
export type NoticeKind = 'ATTEST_REMINDER' | 'ATTEST_ESCALATION' | 'DELEGATION_EXPIRING' | 'GRANT_ENDED';

/** How many notices one transaction claims and mails. */
export const NOTICE_BATCH = 100;

/** SQL for "the subject `alias`.id has no notice of this kind yet" ($1 is the kind). */
export const notNoticed = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM scheduler_notice n WHERE n.kind = $1::varchar AND n.subject_id = ${alias}.id)`;

/**
 * Records `kind` for the subjects `dueSql` selects and answers those recorded now; the caller
 * mails them in the same transaction. `dueSql` is a SELECT of `id`s (at most NOTICE_BATCH,
 * leaving out subjects already noticed) where $1 is the kind and `params` start at $2.
 * Another process recording the same notice at the same moment waits on the primary key and
 * then records nothing, so each notice, and so its mail, exists once.
 */
export async function recordNotices(
  m: EntityManager,
  kind: NoticeKind,
  dueSql: string,
  params: readonly unknown[],
  now: Date,
): Promise<string[]> {
  const rows = await m.query<{ id: string }[]>(
    `WITH due AS (${dueSql})
     INSERT INTO scheduler_notice (kind, subject_id, sent_at)
     SELECT $1::varchar, due.id, $${params.length + 2} FROM due
     ON CONFLICT DO NOTHING
     RETURNING subject_id AS id`,
    [kind, ...params, now],
  );
  return rows.map((r) => r.id);
}
