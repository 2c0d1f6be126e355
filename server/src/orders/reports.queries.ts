import { filterDate, filterString } from '../common/list-query.js';
import { joinedFrom, type ListSpec, SqlParams } from '../common/sql.js';
import {
  leftJoinLineTemplate,
  leftJoinOrderOperation,
  lineTemplateNameSql,
  orderOperationNameSql,
} from '../access-catalogue/template.reads.js';
import { delegationRowsSql } from '../delegations/delegations.reads.js';
import {
  assignmentCareUnitIdSql,
  assignmentNameSql,
  careUnitNameSql,
  fromHoldings,
  holdingAssignmentIdSql,
  holdingIdSql,
  holdingPersonIdSql,
  holdingRunsOnSql,
  holdingValidFromSql,
  holdingValidToSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personHsaIdSql,
  personNameSql,
  personProtectedSql,
  personSearchOrder,
  personUserIdSql,
} from '../directory/directory.reads.js';
import { ordererNameSql } from './leavers.names.js';
import { DONE_LINE } from './order-status.js';

/*
 * The two reports of issue 17 (docs/design.md, Reports): who held an assignment at a unit on a
 * date, and a person's whole history. Both read the directory's holdings through its reads
 * fragments and the orders' own tables directly.
 */

/**
 * The order line that granted a holding ("through which order"), as a json object {orderId,
 * orderNumber, attestantId, attestantName, attestantUserId, decidedAt, completedAt}, null when none:
 * BEH does not store which line wrote a holding, so it is derived. Carrying out a Nyupplägg writes
 * a holding from exactly the order's start date (orders `carry-out.facts.ts`, changeHoldings), so
 * the holding's line is a carried-out (`DONE`) GRANT line of a VMU order for the same person and
 * assignment whose order starts on the holding's first day; of several (a grant revoked before its
 * start, granted again for the same day), the one carried out last. A holding with none was there
 * before BEH (the demo seed, or adopted from KIV at a first sync): "ingen beställning i BEH".
 * Read per row of a page on `vmu_order_item_granted_idx` (migration …-ReportIndexes).
 */
export const grantingOrderSql = (personId: string, assignmentId: string, validFrom: string): string =>
  `(SELECT json_build_object('orderId', go.id, 'orderNumber', go.order_number,
            'attestantId', go.attestant_id, 'attestantName', ${personNameSql('gap')},
            'attestantUserId', ${personUserIdSql('gap')}, 'decidedAt', go.decided_at,
            'completedAt', go.completed_at)
      FROM vmu_order_item gi
      JOIN vmu_order go ON go.id = gi.order_id
      ${joinPerson('gap', 'go.attestant_id')}
     WHERE gi.end_user_id = ${personId} AND gi.assignment_id = ${assignmentId}
       AND gi.type = 'GRANT' AND gi.status = '${DONE_LINE}'
       AND go.kind = 'VMU' AND go.start_date = ${validFrom}::date
     ORDER BY go.completed_at DESC NULLS LAST, go.decided_at DESC NULLS LAST, go.order_number DESC
     LIMIT 1)`;

/** A holding's granting order as read (grantingOrderSql); the instants as the driver gives json text. */
export interface GrantingOrderRow {
  orderId: string;
  orderNumber: string;
  attestantId: string;
  attestantName: string;
  attestantUserId: string;
  decidedAt: string | null;
  completedAt: string | null;
}

/** A row of "Innehav på datum" as read. */
export interface HoldingOnDateRow {
  id: string;
  personId: string;
  personName: string;
  firstName: string;
  lastName: string;
  userId: string;
  hsaId: string;
  assignmentId: string;
  assignmentName: string;
  careUnitId: string;
  careUnitName: string;
  validFrom: string;
  validTo: string | null;
  grantedBy: GrantingOrderRow | null;
}

const HOLDING_JOINS = {
  a: joinAssignment('a', holdingAssignmentIdSql('h')),
  p: joinPerson('p', holdingPersonIdSql('h')),
  cu: joinCareUnit('cu', assignmentCareUnitIdSql('a')),
};

const personOrder = personSearchOrder('p');

/**
 * Who held assignments of a care unit on a date: the filters `careUnitId` and `date` are required
 * and checked by the service (ReportsService.holdingsQuery) before this spec reads them;
 * `assignmentId` narrows to one assignment of the unit. Read on the holdings' assignment index
 * (assignment_id, valid_from, valid_to) for each assignment of the unit's catalogue. Persons with a
 * protected identity are left out for everyone but administrators (rule 29).
 */
export function holdingsOnDateSpec(administrator: boolean): ListSpec {
  return {
    resource: 'holdings-on-date',
    select: `${holdingIdSql('h')} AS id, ${holdingPersonIdSql('h')} AS "personId",
      ${personNameSql('p')} AS "personName", p.first_name AS "firstName", p.last_name AS "lastName",
      ${personUserIdSql('p')} AS "userId", ${personHsaIdSql('p')} AS "hsaId",
      ${holdingAssignmentIdSql('h')} AS "assignmentId", ${assignmentNameSql('a')} AS "assignmentName",
      ${assignmentCareUnitIdSql('a')} AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
      ${holdingValidFromSql('h')} AS "validFrom", ${holdingValidToSql('h')} AS "validTo"`,
    base: fromHoldings('h'),
    joins: HOLDING_JOINS,
    from: joinedFrom(fromHoldings('h'), HOLDING_JOINS),
    idColumn: holdingIdSql('h'),
    late: () =>
      `${grantingOrderSql('page."personId"', 'page."assignmentId"', 'page."validFrom"')} AS "grantedBy"`,
    filters: {
      careUnitId: (f, key, p) => {
        const id = filterString(f, key);
        return id ? `${assignmentCareUnitIdSql('a')} = ${p.add(id)}::uuid` : undefined;
      },
      assignmentId: (f, key, p) => {
        const id = filterString(f, key);
        return id ? `${holdingAssignmentIdSql('h')} = ${p.add(id)}::uuid` : undefined;
      },
      date: (f, key, p) => {
        const day = filterDate(f, key);
        return day ? holdingRunsOnSql('h', p.add(day)) : undefined;
      },
    },
    sortable: {
      lastName: personOrder.sortable.lastName,
      firstName: personOrder.sortable.firstName,
      userId: personOrder.sortable.userId,
      assignmentName: `${assignmentNameSql('a')} COLLATE beh_sv`,
      validFrom: holdingValidFromSql('h'),
    },
    defaultSort: ['lastName', 'ASC'],
    tieBreak: `${personOrder.tieBreak}, ${holdingIdSql('h')}`,
    visible: administrator ? undefined : () => `NOT ${personProtectedSql('p')}`,
  };
}

/** What a row of a person's history is. */
export const HISTORY_KINDS = ['HOLDING', 'ORDER_LINE', 'DELEGATION'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** A row of a person's history as read. */
export interface HistoryRow {
  id: string;
  personId: string;
  kind: HistoryKind;
  /** The day the row is placed at in time order: a holding's or delegation's first day, a line's order day. */
  day: string;
  at: Date;
  careUnitName: string | null;
  assignmentName: string | null;
  validFrom: string | null;
  validTo: string | null;
  orderId: string | null;
  orderNumber: string | null;
  orderType: string | null;
  orderStatus: string | null;
  lineStatus: string | null;
  ordererName: string | null;
  ordererUserId: string | null;
  attestantName: string | null;
  attestantUserId: string | null;
  decidedAt: Date | null;
  completedAt: Date | null;
  grantorName: string | null;
  mayOrder: boolean | null;
  mayAttest: boolean | null;
  revokedAt: Date | null;
  grantedBy: GrantingOrderRow | null;
}

const STOCKHOLM_DAY = (instant: string) => `(${instant} AT TIME ZONE 'Europe/Stockholm')::date`;

/**
 * Every row of every person's history, as one UNION ALL whose column "personId" a WHERE of the
 * caller pushes into each branch: the holdings on the holdings' person index, the order lines
 * through the orders' end user index and the lines' (order_id, …) index, the delegations on the
 * delegate's index. Each branch joins its names for its own few rows.
 */
const HISTORY_FROM = `(
  SELECT 'HOLDING:' || ${holdingIdSql('hh')} AS id, ${holdingPersonIdSql('hh')} AS "personId",
         'HOLDING'::text AS kind, ${holdingValidFromSql('hh')} AS day, hh.created_at AS at,
         ${careUnitNameSql('hcu')}::text AS "careUnitName", ${assignmentNameSql('ha')}::text AS "assignmentName",
         ${holdingValidFromSql('hh')} AS "validFrom", ${holdingValidToSql('hh')} AS "validTo",
         NULL::uuid AS "orderId", NULL::text AS "orderNumber", NULL::text AS "orderType",
         NULL::text AS "orderStatus", NULL::text AS "lineStatus", NULL::text AS "ordererName",
         NULL::text AS "ordererUserId", NULL::text AS "attestantName", NULL::text AS "attestantUserId",
         NULL::timestamptz AS "decidedAt", NULL::timestamptz AS "completedAt", NULL::text AS "grantorName",
         NULL::boolean AS "mayOrder", NULL::boolean AS "mayAttest", NULL::timestamptz AS "revokedAt",
         ${holdingAssignmentIdSql('hh')} AS "assignmentId"
    FROM ${fromHoldings('hh')}
    ${joinAssignment('ha', holdingAssignmentIdSql('hh'))}
    ${joinCareUnit('hcu', assignmentCareUnitIdSql('ha'))}
  UNION ALL
  SELECT 'ORDER_LINE:' || li.id, lo.end_user_id, 'ORDER_LINE', ${STOCKHOLM_DAY('lo.created_at')}, lo.created_at,
         COALESCE(${careUnitNameSql('lcu')}, ${orderOperationNameSql('lop')})::text,
         COALESCE(${assignmentNameSql('la')}, ${lineTemplateNameSql('lt')})::text,
         lo.start_date, lo.end_date, lo.id, lo.order_number::text, lo.type::text, lo.status::text, li.status::text,
         ${ordererNameSql('lo', personNameSql('lor'))}, ${personUserIdSql('lor')}::text,
         ${personNameSql('lap')}, ${personUserIdSql('lap')}::text, lo.decided_at, lo.completed_at,
         NULL, NULL, NULL, NULL, NULL
    FROM vmu_order lo
    JOIN vmu_order_item li ON li.order_id = lo.id
    ${joinPerson('lor', 'lo.orderer_id')}
    ${joinPerson('lap', 'lo.attestant_id')}
    LEFT ${joinAssignment('la', 'li.assignment_id')}
    LEFT ${joinCareUnit('lcu', 'lo.care_unit_id')}
    ${leftJoinOrderOperation('lop', 'lo.access_operation_id')}
    ${leftJoinLineTemplate('lt', 'li.template_id')}
  UNION ALL
  SELECT 'DELEGATION:' || dl.id, dl."delegateId", 'DELEGATION', dl."validFrom", dl."createdAt",
         COALESCE(${careUnitNameSql('dcu2')}, ${orderOperationNameSql('dop')})::text, NULL,
         dl."validFrom", dl."validTo", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         ${personNameSql('dgr')}, dl."mayOrder", dl."mayAttest", dl."revokedAt", NULL
    FROM (${delegationRowsSql()}) dl
    ${joinPerson('dgr', 'dl."grantorId"')}
    LEFT ${joinCareUnit('dcu2', 'dl."careUnitId"')}
    ${leftJoinOrderOperation('dop', 'dl."accessOperationId"')}
) ev`;

/** The history's rows of the person `personId` (a parameter), in time order, each holding with its order. */
export function historySelect(p: SqlParams, personId: string): { from: string; where: string; late: string } {
  return {
    from: HISTORY_FROM,
    where: `ev."personId" = ${p.add(personId)}::uuid`,
    late: `CASE WHEN ev.kind = 'HOLDING'
                THEN ${grantingOrderSql('ev."personId"', 'ev."assignmentId"', 'ev."validFrom"')} END AS "grantedBy"`,
  };
}

/** Time order: by the row's day, then when it was written, then its id. */
export const HISTORY_ORDER = `ev.day, ev.at, ev.id`;

/** The history as a ListSpec, for its CSV export (common/csv-export streamCsv); `visible` names the person. */
export function historySpec(personId: string): ListSpec {
  return {
    resource: 'person-history',
    select: `ev.*, ${historySelect(new SqlParams(), personId).late}`,
    from: HISTORY_FROM,
    idColumn: 'ev.id',
    filters: {},
    sortable: { day: 'ev.day' },
    defaultSort: ['day', 'ASC'],
    tieBreak: 'ev.at, ev.id',
    visible: (p) => `ev."personId" = ${p.add(personId)}::uuid`,
  };
}
