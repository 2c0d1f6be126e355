import type { MouseEvent } from 'react';
import { Link, ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import { orderRoutes } from '../orders/routes';
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

/** "Vem": the person who acted, the API client that called, or "Systemet" for the scheduler. */
export const ActorField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  const client = !event.actorId ? clientOf(event) : undefined;
  if (client) return <>{translate('beh.auditEvents.apiClient', { name: client })}</>;
  if (!event.actorId) return <>{translate('beh.auditEvents.system')}</>;
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
] as const;

export const entityTypeChoices = ENTITY_TYPES.map((id) => ({ id, name: `beh.auditEvents.entityType.${id}` }));

/** "Typ": what the event is about, in words. */
export const EntityTypeField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return <>{translate(`beh.auditEvents.entityType.${event.entityType}`, { _: event.entityType })}</>;
};

/** "Id": for an order, a link to the order itself. */
export const EntityIdField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  if (!event) return null;
  if (event.entityType !== 'order') return <>{event.entityId}</>;
  return (
    <Link to={orderRoutes.show(event.entityId)} onClick={(click: MouseEvent) => click.stopPropagation()}>
      {event.entityId}
    </Link>
  );
};

/** "Händelse": the action in words where the portal knows it, else as the server wrote it. */
export const ActionField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return <>{translate(`beh.auditEvents.action.${event.action}`, { _: event.action })}</>;
};
