import type { OrderItemStatus, OrderScope, OrderStatus, OrderType } from './types';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'AWAITING_ATTEST',
  'APPROVED',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
];
export const ORDER_TYPES: readonly OrderType[] = ['GRANT', 'REVOKE'];
export const ORDER_SCOPES: readonly OrderScope[] = ['mine', 'all', 'enduser'];
export const ORDER_ITEM_STATUSES: readonly OrderItemStatus[] = ['PENDING', 'DONE', 'REMOVED', 'REJECTED'];

/** Choices for SelectInput: the API's value, labelled through i18n. */
const choices = <T extends string>(prefix: string, values: readonly T[]) =>
  values.map((id) => ({ id, name: `beh.orders.${prefix}.${id}` }));

export const orderStatusChoices = choices('status', ORDER_STATUSES);
export const orderTypeChoices = choices('type', ORDER_TYPES);
/** The lists' Typ filter: Förändring too, which only access orders (issue 14) have. */
export const orderTypeFilterChoices = choices('type', ['GRANT', 'CHANGE', 'REVOKE'] as const);
/** VMU or access to local and regional systems (issue 14). */
export const orderKindChoices = choices('kind', ['VMU', 'ACCESS'] as const);
export const orderScopeChoices = choices('scope', ORDER_SCOPES);
