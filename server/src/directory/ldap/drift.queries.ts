import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Prop } from '../../common/api-schema.js';
import { filterBoolean, filterString, type RawListQuery } from '../../common/list-query.js';
import { ProblemException } from '../../common/problem.js';
import {
  type FilterSql,
  idFilter,
  likeEscape,
  type Page,
  type SearchSpec,
  searchRows,
} from '../../common/sql.js';
import { assignmentNameSql, careUnitNameSql, personNameWithUserIdSql } from '../directory.reads.js';
import { DRIFT_KINDS, type DriftKind } from './drift.js';

/**
 * A difference between KIV and BEH's holdings ("Avvikelser mot KIV"), for administrators: who,
 * which commission at which unit, what, when first and last seen, and when it went away. A class
 * only for the OpenAPI description.
 */
export class DirectoryDriftItem {
  @Prop.id() id!: string;
  @Prop.oneOf(DRIFT_KINDS, 'DriftKind') kind!: DriftKind;
  @Prop.text() personHsaId!: string;
  @Prop.id({ nullable: true, description: 'The person with that HSA-id, when BEH knows one.' })
  personId!: string | null;
  @Prop.text({ nullable: true }) personName!: string | null;
  @Prop.id() assignmentId!: string;
  @Prop.text() assignmentName!: string;
  @Prop.text() commissionHsaId!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.dateTime() firstSeenAt!: Date;
  @Prop.dateTime() lastSeenAt!: Date;
  @Prop.dateTime({ nullable: true }) resolvedAt!: Date | null;
  @Prop.bool() open!: boolean;
}

const COLUMNS = `d.id, d.kind, d.person_hsa_id AS "personHsaId", d.person_id AS "personId",
  CASE WHEN p.id IS NULL THEN NULL ELSE ${personNameWithUserIdSql('p')} END AS "personName",
  d.assignment_id AS "assignmentId", ${assignmentNameSql('a')} AS "assignmentName",
  a.hsa_id AS "commissionHsaId", cu.id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
  d.first_seen_at AS "firstSeenAt", d.last_seen_at AS "lastSeenAt", d.resolved_at AS "resolvedAt",
  d.resolved_at IS NULL AS open`;

const kindFilter: FilterSql = (filter, key, p) => {
  const value = filter[key];
  if (value === undefined || value === '') return undefined;
  const kinds = [value].flat();
  if (!kinds.every((k) => (DRIFT_KINDS as readonly unknown[]).includes(k))) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Filtret ${key} måste vara något av ${DRIFT_KINDS.join(', ')}.`,
    );
  }
  return `d.kind = ANY(${p.add(kinds)}::varchar[])`;
};

const openFilter: FilterSql = (filter, key) => {
  const open = filterBoolean(filter, key);
  if (open === undefined) return undefined;
  return open ? 'd.resolved_at IS NULL' : 'd.resolved_at IS NOT NULL';
};

/** A person's name, VGR-ID or HSA-id, or the commission's HSA-id or name. */
const textFilter: FilterSql = (filter, key, p) => {
  const q = filterString(filter, key);
  if (!q) return undefined;
  const word = p.add(`%${likeEscape(q.trim())}%`);
  return `(d.person_hsa_id ILIKE ${word} OR ${personNameWithUserIdSql('p')} ILIKE ${word}
           OR a.hsa_id ILIKE ${word} OR ${assignmentNameSql('a')} ILIKE ${word})`;
};

export const DIRECTORY_DRIFT_LIST: SearchSpec = {
  resource: 'directory-drift',
  select: COLUMNS,
  from: `directory_drift d
    LEFT JOIN person p ON p.id = d.person_id
    JOIN assignment a ON a.id = d.assignment_id
    JOIN care_unit cu ON cu.id = a.care_unit_id`,
  idColumn: 'd.id',
  filters: {
    id: idFilter('d.id'),
    kind: kindFilter,
    open: openFilter,
    assignmentId: idFilter('d.assignment_id'),
    careUnitId: idFilter('a.care_unit_id'),
    personId: idFilter('d.person_id'),
    q: textFilter,
  },
  sortable: {
    lastSeenAt: 'd.last_seen_at',
    firstSeenAt: 'd.first_seen_at',
    resolvedAt: 'd.resolved_at',
    kind: 'd.kind',
    personHsaId: 'd.person_hsa_id',
  },
  defaultSort: ['lastSeenAt', 'DESC'],
  tieBreak: 'd.id',
  nullsLast: ['resolvedAt'],
};

export function listDirectoryDrift(db: DataSource, raw: RawListQuery): Promise<Page<DirectoryDriftItem>> {
  return searchRows<DirectoryDriftItem>(db, DIRECTORY_DRIFT_LIST, raw, { today: '' });
}

export async function findDirectoryDrift(
  db: DataSource,
  id: string,
): Promise<DirectoryDriftItem | undefined> {
  const rows = await db.query<DirectoryDriftItem[]>(
    `SELECT ${COLUMNS} FROM ${DIRECTORY_DRIFT_LIST.from} WHERE d.id = $1`,
    [id],
  );
  return rows[0];
}
