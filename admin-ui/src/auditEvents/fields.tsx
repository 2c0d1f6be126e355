import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import type { AuditEvent } from './types';

interface FieldProps {
  source?: string;
  label?: string;
}

/** "Vem": the person who acted, or "Systemet" for the scheduler. */
export const ActorField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  if (!event.actorId) return <>{translate('beh.auditEvents.system')}</>;
  return <ReferenceField source="actorId" reference="persons" link={false} />;
};

/** "Händelse": the action in words where the portal knows it, else as the server wrote it. */
export const ActionField = (_: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return <>{translate(`beh.auditEvents.action.${event.action}`, { _: event.action })}</>;
};
