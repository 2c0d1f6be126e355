import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { errorMessage } from '../common/problem';
import { useFulfilmentApi } from './api';
import type { FulfilmentItem } from './types';

const MAX = 2000;

interface Props {
  part: FulfilmentItem;
  kind: 'done' | 'refuse';
  onClose: () => void;
}

/**
 * Utförd (with optional Återkopplingsinfo for the orderer: e.g. user name and a first password,
 * kept sealed and shown only to the orderer) or Avslå (with a required reason, mailed to the
 * orderer at once).
 */
export const SettleDialog = ({ part, kind, onClose }: Props) => {
  const translate = useTranslate();
  const api = useFulfilmentApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const titleId = `settle-${kind}-title`;
  const missingReason = kind === 'refuse' && text.trim() === '';

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const settled =
        kind === 'done'
          ? await api.done(part.id, text.trim() === '' ? null : text)
          : await api.refuse(part.id, text);
      notify(settled.orderCompleted ? 'beh.fulfilment.settledCompleted' : `beh.fulfilment.settled.${kind}`, {
        type: 'success',
      });
      refresh();
      onClose();
    } catch (error) {
      setFailure(translate(errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>{translate(`beh.fulfilment.dialog.${kind}.title`)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate(`beh.fulfilment.dialog.${kind}.text`)}
        </DialogContentText>
        <TextField
          label={translate(kind === 'done' ? 'beh.fulfilment.feedbackLabel' : 'beh.fulfilment.reasonLabel')}
          helperText={translate(
            kind === 'done' ? 'beh.fulfilment.feedbackHelp' : 'beh.fulfilment.reasonHelp',
          )}
          value={text}
          onChange={(e) => setText(e.target.value.slice(0, MAX))}
          required={kind === 'refuse'}
          multiline
          minRows={3}
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { maxLength: MAX, autoComplete: 'off', spellCheck: false } }}
        />
        {failure && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {failure}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          onClick={() => void submit()}
          disabled={busy || missingReason}
          variant="contained"
          color={kind === 'done' ? 'primary' : 'error'}
        >
          {translate(`beh.fulfilment.dialog.${kind}.confirm`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
