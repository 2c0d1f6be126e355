import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import type { ApiClient, ApiClientStatus } from './types';

const TONES: Record<ApiClientStatus, StatusTone> = {
  ACTIVE: 'success',
  EXPIRED: 'neutral',
  REVOKED: 'error',
};

export const ApiClientStatusField = () => {
  const client = useRecordContext<ApiClient>();
  const translate = useTranslate();
  if (!client) return null;
  return (
    <StatusChip label={translate(`beh.apiClients.status.${client.status}`)} tone={TONES[client.status]} />
  );
};

/** The scopes by their codes, each with its Swedish meaning as the chip's title. */
export const ApiClientScopesField = () => {
  const client = useRecordContext<ApiClient>();
  const translate = useTranslate();
  if (!client) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {client.scopes.map((scope) => (
        <Chip key={scope} size="small" label={scope} title={translate(`beh.apiClients.scope.${scope}`)} />
      ))}
    </Stack>
  );
};
