import { Alert, Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DateField,
  Labeled,
  Show,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Me } from '../auth/types';
import { fieldGrid } from '../common/fieldGrid';
import { PartStatusField, TemplateField, UrgentField } from './fields';
import { SettleDialog } from './SettleDialogs';
import type { AdministeredSystem, FulfilmentItem } from './types';

/** Only the system's own administrators settle a part (the server refuses everyone else). */
const useAdministers = (systemId: string | undefined) => {
  const { permissions } = usePermissions<Me & { systems?: AdministeredSystem[] }>();
  return systemId !== undefined && (permissions?.systems ?? []).some((s) => s.systemId === systemId);
};

const Roles = ({ heading, roles }: { heading: string; roles: FulfilmentItem['grantRoles'] }) => {
  const translate = useTranslate();
  if (roles.length === 0) return null;
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {translate(heading)}
      </Typography>
      <Box component="ul" sx={{ mt: 0.5, typography: 'body2' }}>
        {roles.map((r) => (
          <li key={r.roleId}>{r.name}</li>
        ))}
      </Box>
    </Box>
  );
};

const Actions = () => {
  const record = useRecordContext<FulfilmentItem>();
  const translate = useTranslate();
  const mine = useAdministers(record?.systemId);
  const [open, setOpen] = useState<'done' | 'refuse' | null>(null);
  if (!record || record.status !== 'PENDING' || !mine) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button variant="contained" onClick={() => setOpen('done')}>
        {translate('beh.fulfilment.done')}
      </Button>
      <Button variant="outlined" color="error" onClick={() => setOpen('refuse')}>
        {translate('beh.fulfilment.refuse')}
      </Button>
      {open && <SettleDialog part={record} kind={open} onClose={() => setOpen(null)} />}
    </TopToolbar>
  );
};

const WorkItem = () => {
  const record = useRecordContext<FulfilmentItem>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={fieldGrid}>
        <Labeled source="orderNumber">
          <TextField source="orderNumber" />
        </Labeled>
        <Labeled source="systemName">
          <TextField source="systemName" />
        </Labeled>
        <Labeled source="status">
          <PartStatusField />
        </Labeled>
        <Labeled source="type">
          <Typography component="span" variant="body2">
            {translate(`beh.orders.type.${record.type}`)}
          </Typography>
        </Labeled>
        <Labeled source="endUserName">
          <TextField source="endUserName" />
        </Labeled>
        <Labeled source="endUserUserId">
          <TextField source="endUserUserId" />
        </Labeled>
        <Labeled source="endUserHsaId">
          <TextField source="endUserHsaId" />
        </Labeled>
        <Labeled source="templateName">
          <TemplateField />
        </Labeled>
        <Labeled source="professionName">
          <TextField source="professionName" />
        </Labeled>
        <Labeled source="startDate">
          <TextField source="startDate" />
        </Labeled>
        <Labeled source="endDate">
          <TextField source="endDate" emptyText="–" />
        </Labeled>
        <Labeled source="urgent">
          {record.urgent ? (
            <UrgentField />
          ) : (
            <Typography component="span" variant="body2">
              {translate('beh.fulfilment.notUrgent')}
            </Typography>
          )}
        </Labeled>
        <Labeled source="ordererName">
          <TextField source="ordererName" />
        </Labeled>
        <Labeled source="createdAt">
          <DateField source="createdAt" showTime />
        </Labeled>
      </Box>
      <Box sx={fieldGrid}>
        <Roles heading="beh.fulfilment.grantRoles" roles={record.grantRoles} />
        <Roles heading="beh.fulfilment.revokeRoles" roles={record.revokeRoles} />
      </Box>
      {record.scimLastError && (
        <Alert severity="warning">
          {translate('beh.fulfilment.scimFailed', {
            attempts: record.scimAttempts,
            error: record.scimLastError,
          })}
        </Alert>
      )}
      {record.status === 'REFUSED' && record.reason && (
        <Alert severity="error">{translate('beh.fulfilment.refusedReason', { reason: record.reason })}</Alert>
      )}
      {record.status === 'DONE' && (
        <Alert severity="success">
          {translate(record.hasFeedback ? 'beh.fulfilment.doneWithFeedback' : 'beh.fulfilment.doneBy', {
            name: record.doneByName ?? translate('beh.fulfilment.scim'),
          })}
        </Alert>
      )}
    </Box>
  );
};

/** One work item: who, which template and roles, when; Utförd / Avslå for the system's administrators. */
export default function FulfilmentShow() {
  return (
    <Show<FulfilmentItem> actions={<Actions />} title="beh.fulfilment.itemTitle">
      <Box sx={{ p: 2 }}>
        <WorkItem />
      </Box>
    </Show>
  );
}
