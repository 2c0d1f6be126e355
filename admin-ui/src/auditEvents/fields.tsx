import { type MouseEvent, useContext } from 'react';
import {
  Link,
  ListContext,
  ReferenceField,
  useGetList,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { canAccess } from '../auth/access';
import type { Me } from '../auth/types';
import { orderRoutes } from '../orders/routes';
import type { Order } from '../orders/types';
import type { AuditEvent } from './types';

interface FieldProps {
  source?: string;
  label?: string;
}

/** The API client a call was made by (its events carry the client's name, and no person). */
const clientOf = (event: AuditEvent): string | undefined => {
  const after = event.after as { client?: unknown } | null | undefined;
  return event.entityType === 'api_client' && typeof after?.client === 'string' ? after.client : undefined;
};

/** Whether the signed-in user may read `resource` (an auditor reads the log, not the directory). */
const useMayRead = (resource: string): boolean => {
  const { permissions: me } = usePermissions<Me>();
  return me !== undefined && canAccess(me, resource, 'list');
};

/** An id with no name the reader may see: short, the whole id as its title. */
const ShortId = ({ id }: { id: string }) => <span title={id}>{id.slice(0, 8)}</span>;

/** "Vem": the person who acted, the API client that called, or "Systemet" for the scheduler. */
export const ActorField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  const mayReadPersons = useMayRead('persons');
  if (!event) return null;
  const client = !event.actorId ? clientOf(event) : undefined;
  if (client) return <>{translate('beh.auditEvents.apiClient', { name: client })}</>;
  if (!event.actorId) return <>{translate('beh.auditEvents.system')}</>;
  if (!mayReadPersons) return <ShortId id={event.actorId} />;
  return <ReferenceField source="actorId" reference="persons" link={false} />;
};

/** The kinds of entity the server records events for (AuditService.append callers). */
export const ENTITY_TYPES = [
  'order',
  'delegation',
  'sign_request',
  'signing_certificate',
  'person',
  'engagement',
  'care_unit',
  'care_provider',
  'administration',
  'assignment',
  'system_guide_entry',
  'api_client',
  // The access catalogue (issue 14).
  'local_system',
  'system_role',
  'access_area',
  'access_operation',
  'profession',
  'access_template',
  // Revisorer (issue 17).
  'auditor',
] as const;

export const entityTypeChoices = ENTITY_TYPES.map((id) => ({ id, name: `beh.auditEvents.entityType.${id}` }));

/** "Typ": what the event is about, in words. */
export const EntityTypeField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return <>{translate(`beh.auditEvents.entityType.${event.entityType}`, { _: event.entityType })}</>;
};

/**
 * The BEH numbers of the orders the events on screen are about: one request for the whole page
 * (the list's events, or the one event shown), in every scope, as an administrator reads the log.
 */
function useOrderNumbers(event: AuditEvent): Map<string, string> | undefined {
  const list = useContext(ListContext);
  const events: AuditEvent[] = (list?.data as AuditEvent[] | undefined) ?? [event];
  const ids = [...new Set(events.filter((e) => e.entityType === 'order').map((e) => e.entityId))].sort();
  const { data } = useGetList<Order>(
    'orders',
    { filter: { scope: 'all', id: ids }, pagination: { page: 1, perPage: Math.max(ids.length, 1) } },
    { enabled: ids.length > 0 },
  );
  return data ? new Map(data.map((order) => [String(order.id), order.orderNumber])) : undefined;
}

const stopRowClick = (click: MouseEvent) => click.stopPropagation();

/** An order event's subject: its BEH number, a link to the order. */
const OrderSubject = ({ event }: { event: AuditEvent }) => {
  const translate = useTranslate();
  const numbers = useOrderNumbers(event);
  if (!numbers) return null;
  const number = numbers.get(event.entityId);
  if (!number) return <>{translate('beh.auditEvents.entityLabel.unknownOrder')}</>;
  return (
    <Link to={orderRoutes.show(event.entityId)} onClick={stopRowClick}>
      {number}
    </Link>
  );
};

/** The directory resources whose records have a name the log can show instead of their id. */
const NAMED: Record<string, string> = {
  person: 'persons',
  care_unit: 'care-units',
  care_provider: 'care-providers',
  administration: 'administrations',
  assignment: 'assignments',
};

/** The order numbers an event's snapshot names (a sign request, a mass order's send). */
const snapshotNumbers = (event: AuditEvent): string[] | undefined => {
  const after = event.after as { orderNumbers?: unknown } | null | undefined;
  const numbers = after?.orderNumbers;
  return Array.isArray(numbers) && numbers.length > 0 && numbers.every((n) => typeof n === 'string')
    ? (numbers as string[])
    : undefined;
};

/**
 * A sign request or mass order by the orders it was about: from its own snapshot, or from the
 * event on the same page that made it (a signature's event names no orders; its request's does).
 */
const orderNumbersOf = (event: AuditEvent, page: readonly AuditEvent[] = []): string[] | undefined =>
  snapshotNumbers(event) ??
  page
    .filter((other) => other.entityType === event.entityType && other.entityId === event.entityId)
    .map(snapshotNumbers)
    .find(Boolean);

/**
 * "Vad": what the event is about, in words a reader knows: an order's BEH number (a link to it), a
 * person's name and VGR-ID, a unit's name; the stored id only where there is no name to show (a
 * record since removed, a signing request).
 */
export const EntityIdField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const list = useContext(ListContext);
  const { permissions: me } = usePermissions<Me>();
  if (!event) return null;
  if (event.entityType === 'order') return <OrderSubject event={event} />;
  const named = NAMED[event.entityType];
  const reference = named && me && canAccess(me, named, 'list') ? named : undefined;
  const numbers = orderNumbersOf(event, list?.data as AuditEvent[] | undefined);
  if (numbers) return <>{numbers.join(', ')}</>;
  if (reference) {
    return <ReferenceField source="entityId" reference={reference} link={false} emptyText={event.entityId} />;
  }
  // No name to show (or none the reader may read): a short reference (the whole id is on the event's own page).
  return <ShortId id={event.entityId} />;
};

/** "Händelse": the action in words where the portal knows it, else as the server wrote it. */
export const ActionField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return <>{translate(`beh.auditEvents.action.${event.action}`, { _: event.action })}</>;
};
