import { Box, Typography } from '@mui/material';
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
import { MailStatusField, TimestampField } from './fields';
import type { OutboxMailDetail } from './types';

/** The mail's text body as it was sent: line breaks kept, nothing rendered from its HTML. */
const MailBody = () => {
  const mail = useRecordContext<OutboxMailDetail>();
  const translate = useTranslate();
  if (!mail) return null;
  return (
    <Box component="section" aria-labelledby="mail-body" sx={{ px: 2, pb: 2 }}>
      <Typography id="mail-body" variant="h6" component="h2" gutterBottom>
        {translate('resources.outbox.fields.text')}
      </Typography>
      <Box
        component="pre"
        sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', bgcolor: 'action.hover', p: 2, m: 0 }}
      >
        {mail.text}
      </Box>
    </Box>
  );
};

const MailTitle = () => {
  const mail = useRecordContext<OutboxMailDetail>();
  return <>{mail?.subject ?? ''}</>;
};

export default function OutboxShow() {
  return (
    <Show<OutboxMailDetail>
      title={<MailTitle />}
      actions={
        <TopToolbar>
          <ListButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TimestampField source="createdAt" />
        <TextField source="to" emptyText="beh.empty" />
        <TextField source="subject" />
        <TextField source="template" />
        <MailStatusField source="status" />
        <NumberField source="attempts" />
        <TimestampField source="nextAttemptAt" />
        <TimestampField source="sentAt" />
        <TextField source="lastError" emptyText="beh.empty" />
        <TextField source="relatedType" emptyText="beh.empty" />
        <TextField source="relatedId" emptyText="beh.empty" />
      </SimpleShowLayout>
      <MailBody />
    </Show>
  );
}
