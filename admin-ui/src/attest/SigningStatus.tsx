import { Alert, Box, Button, CircularProgress, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { problemMessages } from '../common/problem';
import type { SigningState } from './useSigning';

/**
 * Where the page stands with the signing window: waiting for it (with a way to open it again if
 * the browser blocked it or it was closed), or why the sign request was refused. Announced to
 * screen readers as it changes.
 */
export const SigningStatus = ({
  state,
  onReopen,
  onCancel,
}: {
  state: SigningState;
  onReopen: () => void;
  onCancel: () => void;
}) => {
  const translate = useTranslate();
  if (state.phase === 'requesting') {
    return (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, my: 2 }}>
        <CircularProgress size={20} aria-hidden />
        {translate('beh.attest.signing.requesting')}
      </Box>
    );
  }
  if (state.phase === 'failed') {
    return (
      <Alert severity="error" role="alert" sx={{ my: 2 }} onClose={onCancel}>
        {problemMessages(state.error).map((message) => (
          <div key={message}>{translate(message, { _: message })}</div>
        ))}
      </Alert>
    );
  }
  if (state.phase !== 'signing') return null;
  const message = state.blocked
    ? 'beh.attest.signing.blocked'
    : state.closed
      ? 'beh.attest.signing.closed'
      : 'beh.attest.signing.waiting';
  return (
    <Alert
      severity={state.blocked || state.closed ? 'warning' : 'info'}
      role="status"
      sx={{ my: 2 }}
      icon={state.blocked || state.closed ? undefined : <CircularProgress size={20} aria-hidden />}
    >
      <div>{translate(message)}</div>
      <div>{translate('beh.attest.signing.expires', { time: formatTimestamp(state.request.expiresAt) })}</div>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button variant="contained" size="small" onClick={onReopen}>
          {translate('beh.attest.signing.open')}
        </Button>
        <Button size="small" onClick={onCancel}>
          {translate('beh.attest.signing.cancel')}
        </Button>
      </Stack>
    </Alert>
  );
};
