import LockOpenOutlinedIcon from '@mui/icons-material/LockOpenOutlined';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage, httpStatus } from '../common/problem';
import { useAccessOrderApi } from './api';
import type { AccessPart, PartFeedback } from './types';

type Shown =
  | { state: 'asking' }
  | { state: 'reading' }
  | { state: 'read'; feedback: PartFeedback }
  | { state: 'gone'; message: string }
  | { state: 'failed'; message: string };

interface Props {
  part: AccessPart;
  /** Called after a reading, so the parts are asked again (readings left). */
  onRead: () => void;
}

/**
 * "Visa inloggningsuppgifter": the Återkopplingsinfo the system's administrator wrote, for the
 * orderer only (the server answers everyone else 404). It can be shown twice: the first reading
 * and once more; the dialog says so before it is read, since each reading counts.
 */
export const FeedbackButton = ({ part, onRead }: Props) => {
  const translate = useTranslate();
  const api = useAccessOrderApi();
  const [shown, setShown] = useState<Shown | null>(null);
  const readsLeft = part.feedbackReadsLeft ?? 0;
  const titleId = `feedback-title-${part.id}`;

  const read = async () => {
    setShown({ state: 'reading' });
    try {
      const feedback = await api.readFeedback(part.id);
      setShown({ state: 'read', feedback });
    } catch (error) {
      const message = translate(errorMessage(error));
      setShown(httpStatus(error) === 410 ? { state: 'gone', message } : { state: 'failed', message });
    }
  };
  const close = () => {
    const wasRead = shown?.state === 'read' || shown?.state === 'gone';
    setShown(null);
    if (wasRead) onRead();
  };

  if (readsLeft <= 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('beh.accessOrders.feedback.used')}
      </Typography>
    );
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<LockOpenOutlinedIcon />}
        onClick={() => setShown({ state: 'asking' })}
        sx={{ whiteSpace: 'nowrap' }}
        aria-label={translate('beh.accessOrders.feedback.showFor', { system: part.systemName })}
      >
        {translate('beh.accessOrders.feedback.show')}
      </Button>
      <Typography variant="caption" component="p" color="text.secondary">
        {translate('beh.accessOrders.feedback.readsLeft', { smart_count: readsLeft })}
      </Typography>
      <Dialog open={shown !== null} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>
          {translate('beh.accessOrders.feedback.title', { system: part.systemName })}
        </DialogTitle>
        <DialogContent>
          {(shown?.state === 'asking' || shown?.state === 'reading') && (
            <DialogContentText>
              {translate(
                readsLeft >= 2
                  ? 'beh.accessOrders.feedback.beforeFirst'
                  : 'beh.accessOrders.feedback.beforeLast',
              )}
            </DialogContentText>
          )}
          {shown?.state === 'read' && (
            <>
              <Box
                component="pre"
                data-feedback-text
                sx={{
                  p: 2,
                  m: 0,
                  bgcolor: 'grey.100',
                  borderRadius: 1,
                  whiteSpace: 'pre-wrap',
                  fontFamily: 'monospace',
                  fontSize: '1rem',
                }}
              >
                {shown.feedback.text}
              </Box>
              <Alert severity={shown.feedback.readsLeft > 0 ? 'info' : 'warning'} sx={{ mt: 2 }}>
                {translate(
                  shown.feedback.readsLeft > 0
                    ? 'beh.accessOrders.feedback.onceMore'
                    : 'beh.accessOrders.feedback.lastTime',
                )}
              </Alert>
            </>
          )}
          {(shown?.state === 'gone' || shown?.state === 'failed') && (
            <Alert severity="error">{shown.message}</Alert>
          )}
        </DialogContent>
        <DialogActions>
          {(shown?.state === 'asking' || shown?.state === 'reading') && (
            <>
              <Button onClick={close}>{translate('ra.action.cancel')}</Button>
              <Button variant="contained" disabled={shown.state === 'reading'} onClick={() => void read()}>
                {translate('beh.accessOrders.feedback.show')}
              </Button>
            </>
          )}
          {shown && shown.state !== 'asking' && shown.state !== 'reading' && (
            <Button variant="contained" onClick={close}>
              {translate('ra.action.close')}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
};
