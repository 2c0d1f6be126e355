import { type CsvExport, label } from '../common/csv-export.js';
import { grantingOrder } from './reports.service.js';
import {
  type HistoryRow,
  historySpec,
  type HoldingOnDateRow,
  holdingsOnDateSpec,
} from './reports.queries.js';

/** What a holding without an order shows (seeded, or adopted from KIV at a first sync). */
export const NO_ORDER_IN_BEH = 'ingen beställning i BEH';

const STATUS: Record<string, string> = {
  AWAITING_ATTEST: 'Väntar på attest',
  APPROVED: 'Attesterad',
  COMPLETED: 'Avslutad',
  REJECTED: 'Avslagen',
  CANCELLED: 'Makulerad',
};
const LINE_STATUS: Record<string, string> = {
  PENDING: 'Väntande',
  DONE: 'Utförd',
  REMOVED: 'Borttagen',
  REJECTED: 'Avslagen',
};
const TYPE: Record<string, string> = { GRANT: 'Nyupplägg', REVOKE: 'Avslut', CHANGE: 'Förändring' };
const KIND: Record<string, string> = {
  HOLDING: 'Innehav',
  ORDER_LINE: 'Beställningsrad',
  DELEGATION: 'Delegering',
};

const named = (name: string | null, userId: string | null) =>
  name === null ? null : userId ? `${name} (${userId})` : name;
const when = (at: string | Date | null | undefined) => (at ? new Date(at) : null);

/** "Innehav på datum" as CSV: the report's rows, every one, with the granting order and its attest. */
export function holdingsOnDateExport(administrator: boolean): CsvExport<HoldingOnDateRow> {
  return {
    spec: holdingsOnDateSpec(administrator),
    fields: [
      'personName',
      'userId',
      'hsaId',
      'careUnitName',
      'assignmentName',
      'validFrom',
      'validTo',
      'grantedBy',
    ],
    fileName: 'innehav-pa-datum',
    columns: [
      { header: 'Namn', value: (r) => r.personName },
      { header: 'VGR-ID', value: (r) => r.userId },
      { header: 'HSA-id', value: (r) => r.hsaId },
      { header: 'Vårdenhet', value: (r) => r.careUnitName },
      { header: 'Uppdrag', value: (r) => r.assignmentName },
      { header: 'Innehas från', value: (r) => r.validFrom },
      { header: 'Innehas till', value: (r) => r.validTo },
      { header: 'Ordernummer', value: (r) => r.grantedBy?.orderNumber ?? NO_ORDER_IN_BEH },
      {
        header: 'Attesterad av',
        value: (r) => named(r.grantedBy?.attestantName ?? null, r.grantedBy?.attestantUserId ?? null),
      },
      { header: 'Attesterad', value: (r) => when(grantingOrder(r.grantedBy)?.decidedAt) },
    ],
  };
}

/** A person's history as CSV, in time order. */
export function historyExport(personId: string): CsvExport<HistoryRow> {
  return {
    spec: historySpec(personId),
    fields: [
      'kind',
      'day',
      'careUnitName',
      'assignmentName',
      'validFrom',
      'validTo',
      'orderNumber',
      'orderType',
      'orderStatus',
      'lineStatus',
      'ordererName',
      'ordererUserId',
      'attestantName',
      'attestantUserId',
      'decidedAt',
      'completedAt',
      'grantorName',
      'mayOrder',
      'mayAttest',
      'revokedAt',
      'grantedBy',
    ],
    fileName: 'historik',
    columns: [
      { header: 'Datum', value: (r) => r.day },
      { header: 'Typ av händelse', value: label(KIND, (r: HistoryRow) => r.kind) },
      { header: 'Vårdenhet/verksamhet', value: (r) => r.careUnitName },
      { header: 'Uppdrag/mall', value: (r) => r.assignmentName },
      { header: 'Från', value: (r) => r.validFrom },
      { header: 'Till', value: (r) => r.validTo },
      {
        header: 'Ordernummer',
        value: (r) => (r.kind === 'HOLDING' ? (r.grantedBy?.orderNumber ?? NO_ORDER_IN_BEH) : r.orderNumber),
      },
      { header: 'Beställningstyp', value: label(TYPE, (r: HistoryRow) => r.orderType) },
      { header: 'Status', value: label(STATUS, (r: HistoryRow) => r.orderStatus) },
      { header: 'Radstatus', value: label(LINE_STATUS, (r: HistoryRow) => r.lineStatus) },
      { header: 'Beställare', value: (r) => named(r.ordererName, r.ordererUserId) },
      {
        header: 'Attestant',
        value: (r) =>
          r.kind === 'HOLDING'
            ? named(r.grantedBy?.attestantName ?? null, r.grantedBy?.attestantUserId ?? null)
            : named(r.attestantName, r.attestantUserId),
      },
      {
        header: 'Beslutad',
        value: (r) => (r.kind === 'HOLDING' ? when(r.grantedBy?.decidedAt) : when(r.decidedAt)),
      },
      { header: 'Utförd', value: (r) => when(r.completedAt) },
      { header: 'Delegerad av', value: (r) => r.grantorName },
      { header: 'Får beställa', value: (r) => r.mayOrder },
      { header: 'Får attestera', value: (r) => r.mayAttest },
      { header: 'Återkallad', value: (r) => when(r.revokedAt) },
    ],
  };
}
