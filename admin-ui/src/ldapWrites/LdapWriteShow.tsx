import {
  ListButton,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { TimestampField } from '../outbox/fields';
import { LdapWriteStatusField, LdapWriteWhatField } from './fields';
import { RetryLdapWriteButton } from './RetryLdapWriteButton';
import type { LdapWrite } from './types';

const Title = () => {
  const write = useRecordContext<LdapWrite>();
  return <>{write ? `${write.personName} – ${write.assignmentName}` : ''}</>;
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
      <SimpleShowLayout>
        <LdapWriteWhatField label="resources.ldap-writes.fields.operation" />
        <TextField source="personName" />
        <TextField source="personHsaId" />
        <TextField source="assignmentName" />
        <TextField source="commissionHsaId" />
        <TextField source="careUnitName" />
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="beh.empty" />
        <LdapWriteStatusField label="resources.ldap-writes.fields.status" />
        <TextField source="outcome" emptyText="beh.empty" />
        <NumberField source="attempts" />
        <TimestampField source="nextAttemptAt" />
        <TextField source="lastError" emptyText="beh.empty" />
        <TimestampField source="createdAt" />
        <TimestampField source="doneAt" />
      </SimpleShowLayout>
    </Show>
  );
}
