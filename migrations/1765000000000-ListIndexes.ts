import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Region scale: an index for every filter and sort the lists offer, in the order and null handling
 * of their ORDER BY (common/sql orderSql: the sort, then the spec's tie break), so that a page is
 * read in index order and stops after its rows instead of sorting every hit. Where an index ends
 * in a near-unique column (a time, a name) and the tie break goes the other way, PostgreSQL's
 * incremental sort orders the few rows that share it; only low-cardinality sorts (status, type)
 * need an index per direction.
 *
 * Indexes that a new one here starts with the same columns as are dropped: the longer one serves
 * both. Built in the migration's transaction (plain CREATE INDEX, a few seconds each on a region's
 * million orders).
 */
const INDEXES: [name: string, definition: string][] = [
  // The order history (orders.queries.ts): newest first (created_at DESC, order_number DESC)
  // under each scope and filter, and the sorts the grid offers.
  ['vmu_order_orderer_list_idx', 'vmu_order (orderer_id, created_at DESC, order_number DESC)'],
  ['vmu_order_end_user_list_idx', 'vmu_order (end_user_id, created_at DESC, order_number DESC)'],
  ['vmu_order_attestant_list_idx', 'vmu_order (attestant_id, created_at DESC, order_number DESC)'],
  ['vmu_order_care_unit_list_idx', 'vmu_order (care_unit_id, created_at DESC, order_number DESC)'],
  ['vmu_order_status_list_idx', 'vmu_order (status, created_at DESC, order_number DESC)'],
  ['vmu_order_type_list_idx', 'vmu_order (type, created_at DESC, order_number DESC)'],
  ['vmu_order_status_sort_idx', 'vmu_order (status, order_number DESC)'],
  ['vmu_order_status_sort_desc_idx', 'vmu_order (status DESC, order_number DESC)'],
  ['vmu_order_type_sort_idx', 'vmu_order (type, order_number DESC)'],
  ['vmu_order_type_sort_desc_idx', 'vmu_order (type DESC, order_number DESC)'],
  // The attest queue (attest-queue.queries.ts): one attestant's orders awaiting attest, newest first.
  [
    'vmu_order_attestant_status_list_idx',
    'vmu_order (attestant_id, status, created_at DESC, order_number DESC)',
  ],
  // Persons (persons.queries.ts): sorted by first name (the last name's index is person_name_sv_idx).
  ['person_first_name_sv_idx', 'person (first_name COLLATE beh_sv, last_name COLLATE beh_sv, id)'],
  // Person search, a later word of a name ("maria" finds "Linda Maria", personNameStartsSql): the
  // stored folded names' trigrams, so that only the names with that word are read, not every
  // name with a space.
  ['person_first_name_fold_trgm_idx', 'person USING gin (first_name_fold gin_trgm_ops)'],
  ['person_last_name_fold_trgm_idx', 'person USING gin (last_name_fold gin_trgm_ops)'],
  // Persons of care units (the person list's care unit filter, the persons of an administration a
  // search word names): engagements by unit with the person in the index, read without the table.
  ['engagement_unit_person_idx', 'engagement (care_unit_id, valid_from, valid_to) INCLUDE (person_id)'],
  // Care units and the assignment catalogue: by name in Swedish order, a unit's catalogue in its order.
  ['care_unit_name_sv_idx', 'care_unit (name COLLATE beh_sv, id)'],
  ['assignment_catalogue_sv_idx', 'assignment (care_unit_id, kind, name COLLATE beh_sv, id)'],
  ['assignment_name_sv_idx', 'assignment (name COLLATE beh_sv, id)'],
  // Their search box (common/sql nameFilter): a later word of a name, by its trigrams.
  ['care_unit_name_fold_trgm_idx', 'care_unit USING gin (beh_fold(name) gin_trgm_ops)'],
  ['assignment_name_fold_trgm_idx', 'assignment USING gin (beh_fold(name) gin_trgm_ops)'],
  // Delegations: by valid from, newest first (tie break id), by valid to, by creation.
  ['delegation_valid_from_list_idx', 'delegation (valid_from DESC, id)'],
  ['delegation_valid_to_list_idx', 'delegation (valid_to, id)'],
  ['delegation_created_list_idx', 'delegation (created_at, id)'],
  // The outbox (outbox.queries.ts): newest first (tie break id), under a status, and by sent time
  // (empty last both ways).
  ['mail_outbox_created_list_idx', 'mail_outbox (created_at DESC, id)'],
  ['mail_outbox_status_created_list_idx', 'mail_outbox (status, created_at DESC, id)'],
  ['mail_outbox_sent_list_idx', 'mail_outbox (sent_at NULLS LAST, id)'],
  ['mail_outbox_sent_desc_list_idx', 'mail_outbox (sent_at DESC NULLS LAST, id)'],
  // Its search box (outbox.queries.ts textFilter): text anywhere in the address or subject, or the
  // id of what the mail is about, each branch an index so that a rare word is not a scan of all mail.
  ['mail_outbox_to_trgm_idx', 'mail_outbox USING gin (to_address gin_trgm_ops)'],
  ['mail_outbox_subject_trgm_idx', 'mail_outbox USING gin (subject gin_trgm_ops)'],
  ['mail_outbox_related_id_idx', 'mail_outbox (related_id)'],
];

/** Indexes that one of the above makes redundant (it starts with their columns), with their definition. */
const REPLACED: [name: string, definition: string][] = [
  ['vmu_order_orderer_idx', 'vmu_order (orderer_id, created_at DESC)'],
  ['vmu_order_end_user_idx', 'vmu_order (end_user_id, created_at DESC)'],
  ['vmu_order_care_unit_idx', 'vmu_order (care_unit_id, created_at DESC)'],
  ['vmu_order_status_idx', 'vmu_order (status, created_at DESC)'],
  ['vmu_order_type_idx', 'vmu_order (type, created_at DESC)'],
  ['vmu_order_attestant_status_idx', 'vmu_order (attestant_id, status, created_at DESC)'],
  ['delegation_valid_from_idx', 'delegation (valid_from DESC)'],
  ['engagement_unit_idx', 'engagement (care_unit_id, valid_from, valid_to)'],
  ['mail_outbox_created_idx', 'mail_outbox (created_at DESC)'],
  ['mail_outbox_status_created_idx', 'mail_outbox (status, created_at DESC)'],
];

export class ListIndexes1765000000000 implements MigrationInterface {
  name = 'ListIndexes1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // Sorting a million rows for an index build goes faster with room for it (this transaction only).
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const [name, definition] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${definition}`);
    for (const [name] of REPLACED) await q.query(`DROP INDEX ${name}`);
    // The planner's estimates (the list totals above the exact count limit) need fresh statistics.
    await q.query(`ANALYZE vmu_order, person, care_unit, assignment, delegation, mail_outbox`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, definition] of REPLACED) await q.query(`CREATE INDEX ${name} ON ${definition}`);
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name}`);
  }
}
