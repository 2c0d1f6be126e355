import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { filterDate, filterString, type RawListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import {
  enumFilter,
  type FilterSql,
  idFilter,
  joinedFrom,
  likeEscape,
  type ListSpec,
} from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { lineWarnings } from './order-warnings.js';
import {
  administrationNameSql,
  assignmentCareUnitIdSql,
  assignmentCatalogueOrderSql,
  assignmentKindSql,
  assignmentNameSql,
  assignmentPurposeSql,
  careUnitNameSql,
  careUnitSortSql,
  fromPersons,
  joinAdministrationOf,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personNameSql,
  personSortSql,
  personUserIdSql,
  personWordsSql,
} from '../directory/directory.reads.js';
import {
  leftJoinLineProfession,
  leftJoinLineTemplate,
  leftJoinOrderArea,
  leftJoinOrderOperation,
  lineProfessionNameSql,
  lineTemplateNameSql,
  lineTemplateSortSql,
  orderAreaNameSql,
  orderOperationNameSql,
  orderOperationSortSql,
  templateSystemsJsonSql,
} from '../access-catalogue/template.reads.js';
import {
  ORDER_KINDS,
  ORDER_SCOPES,
  ORDER_STATUSES,
  ORDER_TYPES,
  type OrderItemView,
  type OrderKind,
  type OrderListItem,
  type OrderScope,
} from './order.types.js';
import { ordererNameSql } from './leavers.names.js';

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

/** Who is reading, and so which orders each scope holds for them. */
export interface OrderReader {
  personId: string;
  administrator: boolean;
  /** Units where the reader may order or attest or is head: the "all" scope. */
  careUnitIds: readonly string[];
  /** Verksamheter where the reader may order or attest or is head: the "all" scope's access orders. */
  operationIds: readonly string[];
}

/** A row as read: the feedback is still there, for the service to give to the orderer alone. */
export interface OrderRow extends OrderListItem {
  comment: string | null;
  rejectComment: string | null;
}

const SELECT = `o.id, o.order_number AS "orderNumber", o.created_at AS "createdAt", o.type, o.status, o.urgent,
  o.start_date AS "startDate", o.end_date AS "endDate",
  o.orderer_id AS "ordererId", ${ordererNameSql('o', personNameSql('op'))} AS "ordererName", ${personUserIdSql('op')} AS "ordererUserId",
  o.end_user_id AS "endUserId", ${personNameSql('eu')} AS "endUserName", ${personUserIdSql('eu')} AS "endUserUserId",
  o.attestant_id AS "attestantId", ${personNameSql('ap')} AS "attestantName",
  ${personUserIdSql('ap')} AS "attestantUserId", o.kind, o.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
  ${administrationNameSql('adm')} AS "administrationName", o.access_operation_id AS "accessOperationId",
  ${orderOperationNameSql('aop')} AS "accessOperationName", ${orderAreaNameSql('aar')} AS "areaName", o.feedback IS NOT NULL AS "hasFeedback", o.feedback,
  o.comment, o.reject_comment AS "rejectComment"`;

const BASE = 'vmu_order o';

/**
 * The display joins, by alias: a page's ids are chosen on the orders alone (common/sql listRows).
 * An order is for a care unit (VMU) or a verksamhet (ACCESS), so both are left joins.
 */
const JOINS = {
  op: joinPerson('op', 'o.orderer_id'),
  eu: joinPerson('eu', 'o.end_user_id'),
  ap: joinPerson('ap', 'o.attestant_id'),
  cu: `LEFT ${joinCareUnit('cu', 'o.care_unit_id')}`,
  adm: `LEFT ${joinAdministrationOf('adm', 'cu')}`,
  aop: leftJoinOrderOperation('aop', 'o.access_operation_id'),
  aar: leftJoinOrderArea('aar', 'aop'),
};

/** The scope's condition; "mine" when none is given. */
const scopeFilter =
  (reader: OrderReader): FilterSql =>
  (filter, key, p) => {
    const scope = (filterString(filter, key) ?? 'mine') as OrderScope;
    if (!ORDER_SCOPES.includes(scope))
      throw bad(`Filtret scope måste vara något av ${ORDER_SCOPES.join(', ')}.`);
    switch (scope) {
      case 'mine':
        return `o.orderer_id = ${p.add(reader.personId)}`;
      case 'enduser':
        return `o.end_user_id = ${p.add(reader.personId)}`;
      case 'attest':
        return `o.attestant_id = ${p.add(reader.personId)}`;
      case 'all':
        if (reader.administrator) return undefined;
        // Units alone or verksamheter alone: one condition, answered by its own index (the units'
        // list index, vmu_order_operation_idx).
        if (reader.operationIds.length === 0)
          return `o.care_unit_id = ANY(${p.add(reader.careUnitIds)}::uuid[])`;
        if (reader.careUnitIds.length === 0) {
          return `o.access_operation_id = ANY(${p.add(reader.operationIds)}::uuid[])`;
        }
        // Both: the order's owning unit (it has exactly one of the two) in either list, one
        // condition on vmu_order_owner_cover_list_idx instead of an OR of two indexes.
        return `COALESCE(o.care_unit_id, o.access_operation_id) = ANY(${p.add([
          ...reader.careUnitIds,
          ...reader.operationIds,
        ])}::uuid[])`;
    }
  };

/**
 * A person filter: an id, or words matching the start of names or VGR-ID, on the directory's
 * stored folded names (personWordsSql), nothing folded per row.
 */
export const personFilter =
  (column: string): FilterSql =>
  (filter, key, p) => {
    const value = filterString(filter, key)?.trim();
    if (!value) return undefined;
    if (isUuid(value)) return `${column} = ${p.add(value)}`;
    const words = personWordsSql('dx', value, p);
    // Persons first, through their own indexes, then their orders through the column's index.
    return words.length
      ? `${column} IN (SELECT dx.id FROM ${fromPersons('dx')} WHERE ${words.join(' AND ')})`
      : undefined;
  };

/** "BEH5648820", "beh56488" or just "56488": the start of an order number. */
export const orderNumberFilter: FilterSql = (filter, key, p) => {
  const value = filterString(filter, key)?.replace(/\s+/g, '').toUpperCase();
  if (!value) return undefined;
  const prefix = /^\d+$/.test(value) ? `BEH${value}` : value;
  return `o.order_number LIKE ${p.add(likeEscape(prefix))} || '%'`;
};

const statusFilter: FilterSql = (filter, key, p) => {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((s) => typeof s === 'string' && (ORDER_STATUSES as readonly string[]).includes(s))) {
    throw bad(`Filtret status måste vara något av ${ORDER_STATUSES.join(', ')}.`);
  }
  return `o.status = ANY(${p.add(list)}::varchar[])`;
};

/**
 * VMU or ACCESS. The value, checked against the two, is written into the statement rather than
 * passed as a parameter, so that the planner can always match the partial index of access orders
 * (vmu_order_access_created_idx, WHERE kind = 'ACCESS') whatever plan it caches.
 */
const kindFilter: FilterSql = (filter, key) => {
  const value = filterString(filter, key);
  if (value === undefined) return undefined;
  if (!(ORDER_KINDS as readonly string[]).includes(value)) {
    throw bad(`Filtret ${key} måste vara något av ${ORDER_KINDS.join(', ')}.`);
  }
  return `o.kind = '${value as OrderKind}'`;
};

/** The search box of the order lists: an order number, or the end user's name or VGR-ID. */
export const orderSearchFilter: FilterSql = (filter, key, p, ctx) => {
  const value = filterString(filter, key)?.trim();
  if (!value) return undefined;
  const compact = value.replace(/\s+/g, '');
  if (isUuid(value)) return `o.end_user_id = ${p.add(value)}`;
  // An order number is BEH and seven digits; a name or VGR-ID has letters. Only what the text can
  // be is searched, so that the one condition left is a plain index condition with an estimate the
  // planner can trust (an OR of the two made it read every order of a common name to sort them).
  const mayBeNumber = /^(B|BE|BEH)?\d*$/i.test(compact);
  const mayBeName = /\p{L}/u.test(value) && !/^BEH\d+$/i.test(compact);
  const byNumber = mayBeNumber ? orderNumberFilter({ orderNumber: value }, 'orderNumber', p, ctx) : undefined;
  const byName = mayBeName ? personFilter('o.end_user_id')({ endUser: value }, 'endUser', p, ctx) : undefined;
  if (byNumber && byName) return `${byNumber} OR ${byName}`;
  return byNumber ?? byName ?? 'false';
};

/** Beställd from/to: whole Stockholm days, both ends included. */
export const dayBound =
  (side: 'from' | 'to'): FilterSql =>
  (filter, key, p) => {
    const value = filterDate(filter, key);
    if (value === undefined) return undefined;
    const day = p.add(value);
    return side === 'from'
      ? `o.created_at >= (${day}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`
      : `o.created_at < (${day}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`;
  };

/** The order history as this reader may list it (docs/api-contract-orders.md, History). */
export function orderListSpec(reader: OrderReader): ListSpec {
  return {
    resource: 'orders',
    select: SELECT,
    from: joinedFrom(BASE, JOINS),
    base: BASE,
    joins: JOINS,
    idColumn: 'o.id',
    filters: {
      scope: scopeFilter(reader),
      id: idFilter('o.id'),
      q: orderSearchFilter,
      orderNumber: orderNumberFilter,
      endUser: personFilter('o.end_user_id'),
      orderer: personFilter('o.orderer_id'),
      endUserId: idFilter('o.end_user_id'),
      ordererId: idFilter('o.orderer_id'),
      attestantId: idFilter('o.attestant_id'),
      careUnitId: idFilter('o.care_unit_id'),
      accessOperationId: idFilter('o.access_operation_id'),
      kind: kindFilter,
      status: statusFilter,
      type: enumFilter('o.type', ORDER_TYPES),
      from: dayBound('from'),
      to: dayBound('to'),
    },
    sortable: {
      createdAt: 'o.created_at',
      orderNumber: 'o.order_number',
      status: 'o.status',
      type: 'o.type',
      startDate: 'o.start_date',
      endUserName: personSortSql('eu'),
      ordererName: personSortSql('op'),
      careUnitName: careUnitSortSql('cu'),
      accessOperationName: orderOperationSortSql('aop'),
    },
    nullsLast: ['careUnitName', 'accessOperationName'],
    defaultSort: ['createdAt', 'DESC'],
    // Orders of one send share their created_at: the later number is the newer.
    tieBreak: 'o.order_number DESC',
  };
}

/**
 * The order history as listed: the same spec, with each page's rows chosen by order number (unique,
 * and the last key of every list index, vmu_order_*_list_idx) instead of id. Choosing the page then
 * reads those indexes alone (an index-only scan) where it must look at many hits to sort them — an
 * orderer's thousands of orders, the orders of a reader's several units at a deep page — instead of
 * fetching every hit's row from the table for its id. Not under an order number search (orderNumber,
 * q): there the newest-first index alone answers too, and the planner, expecting the number's hits
 * spread over it, chose a parallel scan of it whose workers' start cost more than the page (4 → 14 ms).
 * findRow reads by id (orderListSpec).
 */
export function orderPageSpec(reader: OrderReader, raw: RawListQuery): ListSpec {
  const spec = orderListSpec(reader);
  return searchesOrderNumbers(raw.filter) ? spec : { ...spec, idColumn: 'o.order_number' };
}

function searchesOrderNumbers(filter: string | undefined): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(filter ?? '{}');
  } catch {
    return false; // listRows answers the bad filter
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  const { orderNumber, q } = parsed as Record<string, unknown>;
  return given(orderNumber) || given(q);
}

/**
 * The lines of an order, in the catalogue's order: each with its assignment and that one's unit,
 * or (an access order's) its template, profession, the pair it replaces and the template's
 * systems and roles.
 */
export async function orderItems(db: DataSource | EntityManager, orderId: string): Promise<OrderItemView[]> {
  const rows = await db.query<(Omit<OrderItemView, 'warnings'> & { warnings: string[] })[]>(
    `SELECT i.id, i.assignment_id AS "assignmentId", ${assignmentNameSql('asg')} AS "assignmentName",
            ${assignmentKindSql('asg')} AS kind, ${assignmentPurposeSql('asg')} AS purpose,
            ${careUnitNameSql('acu')} AS "careUnitName",
            i.template_id AS "templateId", ${lineTemplateNameSql('tt')} AS "templateName",
            i.profession_id AS "professionId", ${lineProfessionNameSql('tp')} AS "professionName",
            ${lineTemplateNameSql('ptt')} AS "previousTemplateName",
            ${lineProfessionNameSql('ptp')} AS "previousProfessionName",
            CASE WHEN i.template_id IS NULL THEN '[]'::jsonb ELSE ${templateSystemsJsonSql('i.template_id')} END
              AS systems,
            i.status, i.warnings
       FROM vmu_order_item i
       LEFT ${joinAssignment('asg', 'i.assignment_id')}
       LEFT ${joinCareUnit('acu', assignmentCareUnitIdSql('asg'))}
       ${leftJoinLineTemplate('tt', 'i.template_id')}
       ${leftJoinLineProfession('tp', 'i.profession_id')}
       ${leftJoinLineTemplate('ptt', 'i.previous_template_id')}
       ${leftJoinLineProfession('ptp', 'i.previous_profession_id')}
      WHERE i.order_id = $1
      ORDER BY ${assignmentCatalogueOrderSql('asg')}, ${lineTemplateSortSql('tt')}, i.id`,
    [orderId],
  );
  // The warnings the orderer confirmed when placing (rule 2d), for the order view and the attestant.
  return rows.map((row) => ({ ...row, warnings: lineWarnings(row.warnings) }));
}
