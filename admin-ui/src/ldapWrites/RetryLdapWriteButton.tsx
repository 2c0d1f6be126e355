import ReplayIcon from '@mui/icons-material/Replay';
import { useState } from 'react';
import { Button, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/problem';
import { retryLdapWrite } from './api';
import type { LdapWrite } from './types';

/** "Försök igen" on a write that kept failing: it goes out again at the next tick. */
export const RetryLdapWriteButton = () => {
  const write = useRecordContext<LdapWrite>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!write || write.status !== 'FAILED') return null;

  const retry = async () => {
    setBusy(true);
    try {
      await retryLdapWrite(write.id);
      notify('beh.ldapWrites.retried', { type: 'info' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      label="beh.ldapWrites.retry"
      disabled={busy}
      onClick={(event) => {
        event.stopPropagation();
        void retry();
      }}
    >
      <ReplayIcon />
    </Button>
  );
};
