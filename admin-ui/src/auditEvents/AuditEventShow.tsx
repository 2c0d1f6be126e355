import { Box } from '@mui/material';
import {
  ListButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { TimestampField } from '../outbox/fields';
import { ActionField, ActorField, EntityIdField, EntityTypeField } from './fields';
import type { AuditEvent } from './types';

/** The snapshot before or after the change, as the server recorded it. */
const JsonField = ({ source }: { source: 'before' | 'after'; label?: string }) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  if (event[source] === null) return <>{translate('beh.empty')}</>;
  return (
    <Box component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', whiteSpace: 'pre-wrap', fontSize: 13 }}>
      {JSON.stringify(event[source], null, 2)}
    </Box>
  );
};

const EventTitle = () => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  return <>{event ? translate('beh.auditEvents.showTitle', { id: event.id }) : ''}</>;
};

export default function AuditEventShow() {
  return (
    <Show<AuditEvent>
      title={<EventTitle />}
      actions={
        <TopToolbar>
          <ListButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="id" />
        <TimestampField source="at" />
        <ActorField source="actorId" />
        <ActionField source="action" />
        <EntityTypeField source="entityType" />
        <EntityIdField source="entityId" label="beh.words.audit.subject" />
        <TextField source="entityId" sx={{ fontFamily: 'monospace' }} />
        <JsonField source="before" />
        <JsonField source="after" />
        <TextField source="prevHash" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }} />
        <TextField source="hash" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }} />
      </SimpleShowLayout>
    </Show>
  );
}
