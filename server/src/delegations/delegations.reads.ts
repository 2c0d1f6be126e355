/**
 * The delegations module's published reads: the one test of "a delegation in force on a day", in
 * SQL and TypeScript side by side so that the two cannot drift apart, and the SQL other modules
 * compose into their own statements. Other modules never name the delegation tables or columns.
 */

/** What the active test looks at of a delegation. */
export interface DelegationValidity {
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD; null: until further notice. */
  validTo: string | null;
  revokedAt: Date | string | null;
}

/**
 * A delegation is in force (active) on `day` (YYYY-MM-DD, Stockholm) from its first day through
 * its last, unless revoked: the rule of domain.md "Rights end when the delegation ends or is
 * revoked". Dates compare as text.
 */
export function isActiveDelegation(d: DelegationValidity, day: string): boolean {
  return d.revokedAt === null && d.validFrom <= day && (d.validTo === null || d.validTo >= day);
}

/** isActiveDelegation in SQL, for the delegation row aliased `alias` and the date expression `day`. */
export const activeDelegationSql = (alias: string, day: string): string =>
  `(${alias}.revoked_at IS NULL AND ${alias}.valid_from <= ${day}::date
    AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${day}::date))`;

/**
 * A SELECT of the ids of at most `limit` delegations in force on `day` whose last day is within
 * `days` days of it (both SQL expressions), earliest end first, and for which the further
 * condition `where(alias)` holds (e.g. "not told about yet"). Open-ended delegations never end.
 */
export const delegationsEndingSql = (
  day: string,
  days: string,
  where: (alias: string) => string,
  limit: number,
): string =>
  `SELECT d.id FROM delegation d
    WHERE ${activeDelegationSql('d', day)} AND d.valid_to <= ${day}::date + ${days}::int AND ${where('d')}
    ORDER BY d.valid_to, d.id LIMIT ${limit}`;

/**
 * The version of the rights of the person whose id is the SQL expression `personId`, as text: it
 * changes, to a value never used before, in the transaction of every change of a delegation or a
 * headship that person's rights derive from (migration RightsVersion), so a cached derivation
 * stamped with it is current exactly while the two are equal. '0' until the first such change.
 */
export const rightsVersionSql = (personId: string): string =>
  `COALESCE((SELECT rv.version FROM rights_version rv WHERE rv.person_id = ${personId}), 0)::text`;

/**
 * A SELECT of every delegation ever granted, as rows {id, delegateId, careUnitId,
 * accessOperationId, grantorId, mayOrder, mayAttest, validFrom, validTo, revokedAt, createdAt}:
 * for a report that filters it on the delegate (the column "delegateId", read on the delegate's
 * index when the filter is pushed into it).
 */
export const delegationRowsSql = (): string =>
  `SELECT d.id, d.delegate_id AS "delegateId", d.care_unit_id AS "careUnitId",
          d.access_operation_id AS "accessOperationId", d.grantor_id AS "grantorId",
          d.may_order AS "mayOrder", d.may_attest AS "mayAttest", d.valid_from AS "validFrom",
          d.valid_to AS "validTo", d.revoked_at AS "revokedAt", d.created_at AS "createdAt"
     FROM delegation d`;
