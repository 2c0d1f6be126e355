import { Alert, Box, Typography } from '@mui/material';
import {
  ListButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DelegationEvents } from './DelegationEvents';
import { formatTimestamp } from '../common/dates';
import {
  AssignmentsField,
  DelegateField,
  DelegationStatusField,
  LabeledTargetField,
  RightsField,
  ValidToField,
} from './fields';
import { LimitDelegationButton } from './LimitDelegationButton';
import { RevokeDelegationButton } from './RevokeDelegationButton';
import type { DelegationDetail } from './types';

const DelegationShowActions = () => (
  <TopToolbar>
    <ListButton />
    <LimitDelegationButton />
    <RevokeDelegationButton />
  </TopToolbar>
);

const DelegationTitle = () => {
  const record = useRecordContext<DelegationDetail>();
  const translate = useTranslate();
  return <>{record ? translate('beh.delegations.showTitle', { name: record.delegateName }) : ''}</>;
};

/** "Återkallad 2026-06-02 14:11:50 av Karin Lund". */
const RevokedNotice = () => {
  const record = useRecordContext<DelegationDetail>();
  const translate = useTranslate();
  if (!record?.revokedAt) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }}>
      {translate('beh.delegations.revokedAtBy', {
        at: formatTimestamp(record.revokedAt),
        name: record.revokedByName ?? '',
      })}
    </Alert>
  );
};

/** "Händelser", below the delegation's fields. */
const EventsSection = () => {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby="delegation-events" sx={{ px: 2, pb: 2 }}>
      <RevokedNotice />
      <Typography id="delegation-events" variant="h6" component="h2" gutterBottom>
        {translate('beh.delegations.events')}
      </Typography>
      <DelegationEvents />
    </Box>
  );
};

export default function DelegationShow() {
  return (
    <Show<DelegationDetail> title={<DelegationTitle />} actions={<DelegationShowActions />}>
      <SimpleShowLayout>
        <DelegateField label="resources.delegations.fields.delegateName" />
        <LabeledTargetField label={false} />
        <RightsField label="resources.delegations.fields.rights" />
        <AssignmentsField label="resources.delegations.fields.assignmentNames" />
        <TextField source="validFrom" />
        <ValidToField label="resources.delegations.fields.validTo" />
        <DelegationStatusField label="resources.delegations.fields.status" />
        <TextField source="grantorName" />
      </SimpleShowLayout>
      <EventsSection />
    </Show>
  );
}
