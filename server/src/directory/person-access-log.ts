import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { Prop } from '../common/api-schema.js';
import { type CsvExport, label } from '../common/csv-export.js';
import { filterString } from '../common/list-query.js';
import { maskPassportNumber, maskPersonnummer } from '../common/personnummer.js';
import { ProblemException } from '../common/problem.js';
import { type FilterSql, type SearchSpec, type SqlParams } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';

/*
 * The lookup log (docs/domain.md "Lookup log"; migrations/…-PersonAccessLog.ts): every person
 * lookup and every opening of a person's detail, append-only, read by administrators per person
 * and per user. Written by the statement that reads the person (persons.queries.ts
 * personDetailQuery), listed and exported here.
 */

/**
 * Why a person was read: the screen the UI sent the request from (the `X-BEH-Purpose` header),
 * or `api` when the request names none (another system, a script).
 */
export const ACCESS_PURPOSES = [
  'wizard',
  'mass-order',
  'person-page',
  'person-edit',
  'delegation',
  'order',
  'attest',
  'api',
] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

export const PURPOSE_HEADER = 'x-beh-purpose';

export const ACCESS_PURPOSE_LABELS: Record<AccessPurpose, string> = {
  wizard: 'Beställning (guiden)',
  'mass-order': 'Massbeställning',
  'person-page': 'Personsidan',
  'person-edit': 'Redigera person',
  delegation: 'Delegering',
  order: 'Beställning',
  attest: 'Attest',
  api: 'API',
};

export type AccessAction = 'LOOKUP' | 'DETAIL';
export const LOOKED_UP_BY = ['id', 'personnummer', 'passportNumber', 'hsaId', 'userId'] as const;
/** How a person was looked up: `userId` (a VGR-ID) by the mass order's import. */
export type LookedUpBy = (typeof LOOKED_UP_BY)[number];

const ACTION_LABELS: Record<AccessAction, string> = { LOOKUP: 'Uppslag', DETAIL: 'Visning' };
const BY_LABELS: Record<LookedUpBy, string> = {
  id: 'Id',
  personnummer: 'Personnummer',
  passportNumber: 'Passnummer',
  hsaId: 'HSA-id',
  userId: 'VGR-ID',
};

/** The purpose a request names, `api` when none; anything else is refused before the person is read. */
export function purposeOf(req: Request): AccessPurpose {
  const header = req.headers[PURPOSE_HEADER];
  if (header === undefined) return 'api';
  const value = typeof header === 'string' ? header.trim().toLowerCase() : undefined;
  const purpose = ACCESS_PURPOSES.find((known) => known === value);
  if (purpose) return purpose;
  throw new ProblemException(
    HttpStatus.BAD_REQUEST,
    'bad-purpose',
    `Rubriken X-BEH-Purpose måste vara något av ${ACCESS_PURPOSES.join(', ')}.`,
  );
}

/** Who reads: a signed-in person, or (once API clients exist) a client by id and name. */
export interface AccessReader {
  personId: string | null;
  clientId?: string | null;
  clientName?: string | null;
  isAdministrator: boolean;
}

/** One row of the log, before it is written. */
export interface AccessEntry {
  at: Date;
  reader: AccessReader;
  action: AccessAction;
  by: LookedUpBy;
  /** The value asked for, already masked (maskLookedUp). */
  lookedUp: string;
  purpose: AccessPurpose;
  requestId: string | null;
}

const HSA_ID = /^[A-Z0-9]{2,20}-[A-Z0-9]{1,40}$/i;
const USER_ID = /^[a-zåäö][a-zåäö0-9]{1,31}$/i;

/**
 * The value a lookup asked for, as the log keeps it: a personnummer as 1985xxxx-xxxx and a
 * passport number as ABxxxxxxx (nothing a log reader could look the person up by again), an id,
 * an HSA-id or a VGR-ID whole (catalogue ids, not secret; a VGR-ID in lower case); anything that is
 * not what it claims to be masked as a passport number (it may be a number typed into the wrong
 * field).
 */
export function maskLookedUp(by: LookedUpBy, value: string): string {
  switch (by) {
    case 'personnummer':
      return maskPersonnummer(value) ?? '';
    case 'passportNumber':
      return maskPassportNumber(value) ?? '';
    case 'hsaId':
      return HSA_ID.test(value) ? value.toUpperCase() : (maskPassportNumber(value) ?? '');
    case 'id':
      return isUuid(value) ? value : (maskPassportNumber(value) ?? '');
    case 'userId':
      return USER_ID.test(value) ? value.toLowerCase() : (maskPassportNumber(value) ?? '');
  }
}

/**
 * The INSERT of one log row, for a data-modifying CTE of a statement run on its own (autocommit,
 * never inside another transaction): `personSql` is the SQL of the person found (null for none),
 * `answeredSql` whether they were answered.
 *
 * The statement commits asynchronously (`synchronous_commit` off for its own transaction only):
 * waiting for the WAL flush made a logged lookup ~4 times slower than a plain one on a busy disk
 * (median 19 ms against 5 ms; asynchronously 7 ms). The price: rows of the last moment (at most
 * three times wal_writer_delay, 0.6 s by default) are lost if PostgreSQL or its host crashes, never
 * on a crash of the application; what is committed stays, in order.
 */
export function accessLogInsertSql(
  entry: AccessEntry,
  p: SqlParams,
  personSql: string,
  answeredSql: string,
): string {
  const { reader } = entry;
  return `INSERT INTO person_access_log
      (at, actor_id, client_id, client_name, action, person_id, looked_up_by, looked_up, answered, purpose, request_id)
    SELECT ${p.add(entry.at)}::timestamptz, ${p.add(reader.personId)}::uuid, ${p.add(reader.clientId ?? null)}::uuid,
      ${p.add(reader.clientName ?? null)}::text, ${p.add(entry.action)}::text, ${personSql}, ${p.add(entry.by)}::text,
      ${p.add(entry.lookedUp.slice(0, 100))}::text, ${answeredSql}, ${p.add(entry.purpose)}::text,
      ${p.add(entry.requestId)}::text
    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`;
}

/** One value of a bulk lookup: a VGR-ID (lower case) or a personnummer (12 digits). */
export interface LookupKey {
  by: 'userId' | 'personnummer';
  value: string;
}

/** A bulk lookup's log rows: one per key, all of one reader, time, purpose and request. */
export interface BulkAccess extends Omit<AccessEntry, 'action' | 'by' | 'lookedUp'> {
  keys: readonly LookupKey[];
}

/**
 * A bulk lookup by VGR-ID or personnummer (the mass order's import), logged: the CTEs
 * `found (n, person_id)` (one row per key, by its position from 1; person_id null for a miss) and
 * the INSERT of one LOOKUP row per key into the log, in key order (each CTE is read in the order
 * it was written), for a statement of the caller's that starts `WITH ` and reads `found`. Every
 * person is found, a protected identity too (an exact lookup); `answered` is whether one was. One
 * multi-row INSERT of arrays (unnest), whatever the number of keys: a few parameters, not eleven
 * a row. Committed asynchronously, as accessLogInsertSql: run it on its own, not inside another
 * transaction.
 */
export function loggedKeyLookupCtes(access: BulkAccess, p: SqlParams): string {
  const { reader, keys } = access;
  const by = p.add(keys.map((k) => k.by));
  const values = p.add(keys.map((k) => k.value));
  const masked = p.add(keys.map((k) => maskLookedUp(k.by, k.value).slice(0, 100)));
  // Each key by its own index (lower(user_id), personnummer): a probe per key, never a scan.
  return `keys AS MATERIALIZED (
      SELECT k.n, k.kind, k.value, k.masked
        FROM unnest(${by}::text[], ${values}::text[], ${masked}::text[]) WITH ORDINALITY AS k(kind, value, masked, n)),
    found AS MATERIALIZED (
      SELECT k.n, k.kind, k.masked,
        CASE WHEN k.kind = 'userId'
          THEN (SELECT x.id FROM person x WHERE lower(x.user_id) = k.value LIMIT 1)
          ELSE (SELECT x.id FROM person x WHERE x.personnummer = k.value::bpchar LIMIT 1)
        END AS person_id
      FROM keys k),
    logged AS (
      INSERT INTO person_access_log
        (at, actor_id, client_id, client_name, action, person_id, looked_up_by, looked_up, answered, purpose, request_id)
      SELECT ${p.add(access.at)}::timestamptz, ${p.add(reader.personId)}::uuid, ${p.add(reader.clientId ?? null)}::uuid,
        ${p.add(reader.clientName ?? null)}::text, 'LOOKUP', f.person_id, f.kind, f.masked, f.person_id IS NOT NULL,
        ${p.add(access.purpose)}::text, ${p.add(access.requestId)}::text
      FROM found f CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit)`;
}

/** The request id the request-id middleware gave the request (kept in the log row to find its log line). */
export function requestIdOf(req: Request): string | null {
  const id = req.headers['x-request-id'];
  return typeof id === 'string' && /^[\w.-]{8,64}$/.test(id) ? id : null;
}

/** One row of the lookup log as administrators list it. */
export class PersonAccessLogItem {
  @Prop.text({ description: 'The row number (a bigint as text).' }) id!: string;
  @Prop.dateTime() at!: Date;
  @Prop.id({ nullable: true, description: 'The signed-in person who read (null for an API client).' })
  actorId!: string | null;
  @Prop.text({ nullable: true, description: 'Their name, "First Last" (null once removed).' })
  actorName!: string | null;
  @Prop.text({ nullable: true, description: 'Their VGR-ID.' }) actorUserId!: string | null;
  @Prop.text({ nullable: true, description: 'The API client that read, when not a person.' })
  clientName!: string | null;
  @Prop.oneOf(['LOOKUP', 'DETAIL'], 'PersonAccessAction', {
    description:
      'LOOKUP: GET /api/persons/lookup, or one value of a mass order import (POST /api/mass-orders/import); DETAIL: GET /api/persons/:id.',
  })
  action!: AccessAction;
  @Prop.id({ nullable: true, description: 'The person found (null when none was).' })
  personId!: string | null;
  @Prop.text({ nullable: true }) personName!: string | null;
  @Prop.text({ nullable: true }) personUserId!: string | null;
  @Prop.oneOf(LOOKED_UP_BY, 'PersonLookedUpBy', { description: 'userId: a VGR-ID (the mass order import).' })
  lookedUpBy!: LookedUpBy;
  @Prop.text({ description: 'The value asked for, masked (personnummer 1985xxxx-xxxx, passport ABxxxxxxx).' })
  lookedUp!: string;
  @Prop.bool({
    description: "Whether the person's data was answered (false for a miss or a refused protected identity).",
  })
  answered!: boolean;
  @Prop.oneOf(ACCESS_PURPOSES, 'PersonAccessPurpose', { description: 'The screen or API it came from.' })
  purpose!: AccessPurpose;
  @Prop.text({ nullable: true }) requestId!: string | null;
}

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

const uuidFilter =
  (column: string): FilterSql =>
  (filter, key, p) => {
    const id = filterString(filter, key);
    if (id === undefined) return undefined;
    if (!isUuid(id)) throw bad(`Filtret ${key} måste vara ett giltigt id.`);
    return `${column} = ${p.add(id)}::uuid`;
  };

const purposeFilter: FilterSql = (filter, key, p) => {
  const value = filterString(filter, key);
  if (value === undefined) return undefined;
  if (!ACCESS_PURPOSES.some((known) => known === value))
    throw bad(`Filtret ${key} måste vara något av ${ACCESS_PURPOSES.join(', ')}.`);
  return `l.purpose = ${p.add(value)}`;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `from`/`to`: a calendar date, a whole Stockholm day, both ends included. */
const dayBound =
  (side: 'from' | 'to'): FilterSql =>
  (filter, key, p) => {
    const value = filterString(filter, key);
    if (value === undefined) return undefined;
    const m = DATE.exec(value);
    const date = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (!m || !date || date.toISOString().slice(0, 10) !== value)
      throw bad(`Filtret ${key} måste vara ett datum (ÅÅÅÅ-MM-DD).`);
    return side === 'from'
      ? `l.at >= (${p.add(value)}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`
      : `l.at < ((${p.add(value)}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;
  };

/**
 * The lookup log, newest first: by time (or row number) only, with the row number breaking ties
 * the sort's way. Each filter an equality in front of that order in an index of its own
 * (person_access_log_person_idx, _actor_idx; unfiltered _at_idx), so a page reads its own rows.
 * `userId` is the id of the person who read (the portal's user), not a VGR-ID.
 */
export const PERSON_ACCESS_LOG_LIST: SearchSpec = {
  resource: 'person-access-log',
  select: `l.id::text AS id, l.at, l.actor_id AS "actorId",
    CASE WHEN a.id IS NULL THEN NULL ELSE a.first_name || ' ' || a.last_name END AS "actorName",
    a.user_id AS "actorUserId", l.client_name AS "clientName", l.action, l.person_id AS "personId",
    CASE WHEN w.id IS NULL THEN NULL ELSE w.first_name || ' ' || w.last_name END AS "personName",
    w.user_id AS "personUserId", l.looked_up_by AS "lookedUpBy", l.looked_up AS "lookedUp", l.answered,
    l.purpose, l.request_id AS "requestId"`,
  from: `person_access_log l
    LEFT JOIN person a ON a.id = l.actor_id
    LEFT JOIN person w ON w.id = l.person_id`,
  base: 'person_access_log l',
  joins: {
    a: 'LEFT JOIN person a ON a.id = l.actor_id',
    w: 'LEFT JOIN person w ON w.id = l.person_id',
  },
  idColumn: 'l.id',
  filters: {
    personId: uuidFilter('l.person_id'),
    userId: uuidFilter('l.actor_id'),
    purpose: purposeFilter,
    from: dayBound('from'),
    to: dayBound('to'),
  },
  sortable: { at: 'l.at', id: 'l.id' },
  defaultSort: ['at', 'DESC'],
  tieBreak: 'l.id',
  tieBreakFollowsSort: true,
};

/** The lookup log as CSV (administrators): what the grid shows, the looked-up value masked as stored. */
export const PERSON_ACCESS_LOG_EXPORT: CsvExport<PersonAccessLogItem> = {
  spec: PERSON_ACCESS_LOG_LIST,
  fields: [
    'id',
    'at',
    'actorName',
    'actorUserId',
    'clientName',
    'action',
    'personName',
    'personUserId',
    'lookedUpBy',
    'lookedUp',
    'answered',
    'purpose',
    'requestId',
  ],
  fileName: 'uppslagslogg',
  columns: [
    { header: 'Nr', value: (r) => r.id },
    { header: 'Tid', value: (r) => r.at },
    { header: 'Vem', value: (r) => r.actorName ?? r.clientName },
    { header: 'VGR-ID', value: (r) => r.actorUserId },
    { header: 'Händelse', value: label(ACTION_LABELS, (r: PersonAccessLogItem) => r.action) },
    { header: 'Person', value: (r) => r.personName },
    { header: 'Personens VGR-ID', value: (r) => r.personUserId },
    { header: 'Sökt med', value: label(BY_LABELS, (r: PersonAccessLogItem) => r.lookedUpBy) },
    { header: 'Sökt värde', value: (r) => r.lookedUp },
    { header: 'Visad', value: (r) => r.answered },
    { header: 'Syfte', value: label(ACCESS_PURPOSE_LABELS, (r: PersonAccessLogItem) => r.purpose) },
    { header: 'Anrops-id', value: (r) => r.requestId },
  ],
};
