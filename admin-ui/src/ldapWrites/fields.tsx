import type { MouseEvent } from 'react';
import { Link, useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import type { LdapWrite, LdapWriteStatus } from './types';

const STATUS_TONES: Record<LdapWriteStatus, StatusTone> = {
  PENDING: 'warning',
  DONE: 'success',
  FAILED: 'error',
};

/** Väntar / Gjord / Misslyckad. */
export const LdapWriteStatusField = (_: { source?: string; label?: string }) => {
  const write = useRecordContext<LdapWrite>();
  const translate = useTranslate();
  if (!write) return null;
  return (
    <StatusChip
      tone={STATUS_TONES[write.status]}
      label={translate(`beh.ldapWrites.status.${write.status}`)}
    />
  );
};

/** "Lägg till i uppdraget" or "Ta bort ur uppdraget", with why (beställning, tidsbegränsning). */
export const LdapWriteWhatField = (_: { source?: string; label?: string }) => {
  const write = useRecordContext<LdapWrite>();
  const translate = useTranslate();
  if (!write) return null;
  return (
    <span>
      {translate(`beh.ldapWrites.operation.${write.operation}`)} (
      {translate(`beh.ldapWrites.reason.${write.reason}`)})
    </span>
  );
};

/** "VoB SJF, Vårdcentralen Solgläntan". */
export const AssignmentAtUnitField = (_: { source?: string; label?: string }) => {
  const write = useRecordContext<{ assignmentName: string; careUnitName: string }>();
  if (!write) return null;
  return (
    <span>
      {write.assignmentName}, {write.careUnitName}
    </span>
  );
};

/**
 * The order waiting for the write, by its number, linked. Fetched one by one (GET /orders/:id):
 * react-admin's ReferenceField asks the order list for the ids, and that list answers an
 * administrator's own orders unless told scope=all, so it showed "–" for every other order.
 */
export const LdapWriteOrderField = (_: { source?: string; label?: string }) => {
  const write = useRecordContext<LdapWrite>();
  const translate = useTranslate();
  const orderId = write?.orderId ?? '';
  const { data } = useGetOne<{ id: string; orderNumber: string }>(
    'orders',
    { id: orderId },
    { enabled: orderId !== '' },
  );
  if (!write) return null;
  if (!write.orderId) return <span>{translate('beh.empty')}</span>;
  return (
    <Link to={`/orders/${write.orderId}/show`} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {data?.orderNumber ?? translate('beh.ldapWrites.order')}
    </Link>
  );
};

/** Skriven / Fanns redan / Saknades redan / Innehas igen, or "–" before it is done. */
export const LdapWriteOutcomeField = (_: { source?: string; label?: string }) => {
  const write = useRecordContext<LdapWrite>();
  const translate = useTranslate();
  if (!write) return null;
  if (!write.outcome) return <span>{translate('beh.empty')}</span>;
  const key = write.outcome === 'ALREADY' ? `ALREADY_${write.operation}` : write.outcome;
  return <span>{translate(`beh.ldapWrites.outcome.${key}`)}</span>;
};
