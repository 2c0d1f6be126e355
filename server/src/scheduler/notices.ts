import type { DataSource, EntityManager } from 'typeorm';

/** The notices the scheduler sends at most once per subject (scheduler_notice.kind). */
export type NoticeKind = 'ATTEST_REMINDER' | 'ATTEST_ESCALATION' | 'DELEGATION_EXPIRING' | 'GRANT_ENDED';

/** The notices whose jobs keep a watermark (scheduler_watermark.job is the notice's kind). */
export type WatermarkedKind = Extract<NoticeKind, 'ATTEST_REMINDER' | 'ATTEST_ESCALATION' | 'GRANT_ENDED'>;

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

/**
 * How far a notice job has looked, as the start of its last run that left nothing due behind:
 * `day`, Stockholm's date then (for jobs that go by dates), and `at`, the moment (or, for jobs that
 * go by how long something has waited, the moment before which a subject had waited long enough).
 */
export interface Watermark {
  day: string | null;
  at: Date;
}

/**
 * What a run reads below its watermark: a subject that was written by a transaction still open when
 * the last run looked is seen by this one if that transaction took less than this long (a day for
 * dates: a subject written just before midnight, committed just after).
 */
const MARGIN_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * A notice job that reads only what can be due (design.md, Scheduler): each run starts from the
 * watermark its last complete run left (less a margin for transactions that were still open), and
 * runs `batch` (a transaction that records and mails up to NOTICE_BATCH notices from there) until
 * fewer are sent. Then, in one statement, if `dueSql` (a SELECT as recordNotices takes, without
 * locks, with `params`) finds nothing left due from there, it moves the watermark to `next`, this
 * run's own start. Until then (a subject skipped because it was locked, another process still at
 * work) the watermark stays, and the next run reads from it again, so nothing is ever passed over.
 * A watermark ahead of `next` (a clock set back, in tests) is not trusted: the run reads it all.
 *
 * `since` is undefined for a run that reads everything (the first, or after a clock set back).
 */
export async function watermarkedRun(
  db: DataSource,
  kind: WatermarkedKind,
  next: Watermark,
  batch: (since: Watermark | undefined) => Promise<number>,
  remaining: (since: Watermark | undefined) => { dueSql: string; params: readonly unknown[] },
): Promise<number> {
  const [mark] = await db.query<{ day: string | null; at: Date }[]>(
    `SELECT checked_day AS day, checked_at AS at FROM scheduler_watermark WHERE job = $1`,
    [kind],
  );
  const trusted =
    mark &&
    mark.at.getTime() <= next.at.getTime() &&
    (mark.day === null || next.day === null || mark.day <= next.day);
  const since: Watermark | undefined = trusted
    ? {
        day: mark.day === null ? null : new Date(Date.parse(mark.day) - DAY_MS).toISOString().slice(0, 10),
        at: new Date(mark.at.getTime() - MARGIN_MS),
      }
    : undefined;
  let total = 0;
  for (;;) {
    const sent = await batch(since);
    total += sent;
    if (sent < NOTICE_BATCH) break;
  }
  const { dueSql, params } = remaining(since);
  await db.query(
    `INSERT INTO scheduler_watermark (job, checked_day, checked_at, updated_at)
     SELECT $1::varchar, $${params.length + 2}::date, $${params.length + 3}::timestamptz, now()
      WHERE NOT EXISTS (${dueSql})
     ON CONFLICT (job) DO UPDATE
       SET checked_day = EXCLUDED.checked_day, checked_at = EXCLUDED.checked_at, updated_at = EXCLUDED.updated_at`,
    [kind, ...params, next.day, next.at],
  );
  return total;
}
