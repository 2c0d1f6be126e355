import {
  ListButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { TimestampField } from '../outbox/fields';
import {
  LdapWriteOrderField,
  LdapWriteOutcomeField,
  LdapWriteStatusField,
  LdapWriteWhatField,
} from './fields';
import { RetryLdapWriteButton } from './RetryLdapWriteButton';
import type { LdapWrite } from './types';

const Title = () => {
  const write = useRecordContext<LdapWrite>();
  return <>{write ? `${write.personName} – ${write.assignmentName}` : ''}</>;
};

/** When it is tried next: not for a write that is done. */
const NextAttemptField = (_: { label?: string }) => {
  const write = useRecordContext<LdapWrite>();
  const translate = useTranslate();
  if (!write) return null;
  if (write.status === 'DONE') return <span>{translate('beh.empty')}</span>;
  return <TimestampField source="nextAttemptAt" />;
};

/**
 * The values written here as plain spans (a timestamp, a translated text) read in the size of
 * react-admin's own fields (body2), not the page's body1; the labels keep their size.
 */
const FIELD_TEXT = {
  '& .ra-field': { typography: 'body2' },
  // The label's own 0.75em, of the page's size as before.
  '& .ra-field .RaLabeled-label': { fontSize: '0.75rem' },
};

/** One write back to KIV: what, for whom, the order waiting for it, its attempts and last error. */
export default function LdapWriteShow() {
  return (
    <Show<LdapWrite>
      title={<Title />}
      actions={
        <TopToolbar>
          <RetryLdapWriteButton />
          <ListButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout sx={FIELD_TEXT}>
        <LdapWriteWhatField label="resources.ldap-writes.fields.operation" />
        <TextField source="personName" />
        <TextField source="personHsaId" />
        <TextField source="assignmentName" />
        <TextField source="commissionHsaId" />
        <TextField source="careUnitName" />
        <LdapWriteOrderField label="resources.ldap-writes.fields.orderId" />
        <LdapWriteStatusField label="resources.ldap-writes.fields.status" />
        <LdapWriteOutcomeField label="resources.ldap-writes.fields.outcome" />
        <NumberField source="attempts" />
        <NextAttemptField label="resources.ldap-writes.fields.nextAttemptAt" />
        <TextField source="lastError" emptyText="beh.empty" />
        <TimestampField source="createdAt" />
        <TimestampField source="doneAt" />
      </SimpleShowLayout>
    </Show>
  );
}
