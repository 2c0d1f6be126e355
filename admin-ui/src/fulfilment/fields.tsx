import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import type { FulfilmentItem, PartStatus } from './types';

const TONES: Record<PartStatus, StatusTone> = { PENDING: 'warning', DONE: 'success', REFUSED: 'error' };

/** A part's state as a chip: Väntande, Utförd, Avslagen. */
export const PartStatusField = () => {
  const record = useRecordContext<FulfilmentItem>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <StatusChip label={translate(`beh.fulfilment.status.${record.status}`)} tone={TONES[record.status]} />
  );
};

/** "Akut" for an urgent part, nothing otherwise. */
export const UrgentField = () => {
  const record = useRecordContext<FulfilmentItem>();
  const translate = useTranslate();
  if (!record?.urgent) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignSelf: 'flex-start', width: 'fit-content' }}>
      <StatusChip label={translate('beh.fulfilment.urgent')} tone="error" />
    </Box>
  );
};

/** "Behörighetsmall X" with, for a Förändring, what it replaces. */
export const TemplateField = () => {
  const record = useRecordContext<FulfilmentItem>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {record.templateName}
      {record.previousTemplateName
        ? ` ${translate('beh.fulfilment.replaces', { template: record.previousTemplateName })}`
        : ''}
    </Typography>
  );
};
