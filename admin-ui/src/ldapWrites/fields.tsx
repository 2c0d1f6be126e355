import { useRecordContext, useTranslate } from 'react-admin';
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
