import type { Actor } from '../common/auth/request-auth.js';
import { type CsvExport, label } from '../common/csv-export.js';
import type { OrderStatus, OrderType } from './order.types.js';
import { orderListSpec, type OrderRow } from './orders.queries.js';
import { readerOf } from './orders.service.js';

const STATUS: Record<OrderStatus, string> = {
  AWAITING_ATTEST: 'Väntar på attest',
  APPROVED: 'Attesterad',
  COMPLETED: 'Avslutad',
  REJECTED: 'Avslagen',
  CANCELLED: 'Makulerad',
};

const TYPE: Record<OrderType, string> = { GRANT: 'Nyupplägg', REVOKE: 'Avslut', CHANGE: 'Förändring' };

/** "Erik Holm (eriho2)", as the order lists name a person. */
const named = (name: string, userId: string) => `${name} (${userId})`;

/**
 * The order history as this reader lists it (the same scopes, filters and visibility), in the
 * grid's columns plus unit, administration and attestant. Återkopplingsinfo is the orderer's
 * alone, as in the list: empty on the rows of anyone else's orders.
 */
export function orderExport(actor: Actor): CsvExport<OrderRow> {
  return {
    spec: orderListSpec(readerOf(actor)),
    fields: [
      'createdAt',
      'orderNumber',
      'ordererId',
      'ordererName',
      'ordererUserId',
      'endUserName',
      'endUserUserId',
      'status',
      'type',
      'careUnitName',
      'administrationName',
      'accessOperationName',
      'areaName',
      'attestantName',
      'attestantUserId',
      'feedback',
    ],
    fileName: 'beställningar',
    columns: [
      { header: 'Beställd', value: (r) => r.createdAt },
      { header: 'Ordernummer', value: (r) => r.orderNumber },
      { header: 'Beställare', value: (r) => named(r.ordererName, r.ordererUserId) },
      { header: 'Slutanvändare', value: (r) => named(r.endUserName, r.endUserUserId) },
      { header: 'Status', value: label(STATUS, (r: OrderRow) => r.status) },
      { header: 'Typ', value: label(TYPE, (r: OrderRow) => r.type) },
      // An access order's verksamhet stands where a VMU order's care unit does, its område where the förvaltning does.
      { header: 'Område', value: (r) => r.careUnitName ?? r.accessOperationName },
      { header: 'Förvaltning', value: (r) => r.administrationName ?? r.areaName },
      { header: 'Attestant', value: (r) => named(r.attestantName, r.attestantUserId) },
      {
        header: 'Återkopplingsinfo',
        value: (r) => (r.ordererId === actor.person.id ? r.feedback : null),
      },
    ],
  };
}
