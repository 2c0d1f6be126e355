import SyncIcon from '@mui/icons-material/Sync';
import { useState } from 'react';
import { Button, useNotify, useRefresh } from 'react-admin';
import { errorMessage } from '../common/problem';
import { startSync } from './api';
import { useDirectoryReadOnly } from './readOnly';

/**
 * "Synka nu": a full sync from KIV now, for administrators. It runs on in the server; the list
 * shows it as Pågår and is refreshed until it is done. Only in ldap mode.
 */
export const SyncNowButton = () => {
  const ldap = useDirectoryReadOnly();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!ldap) return null;

  const start = async () => {
    setBusy(true);
    try {
      await startSync('FULL');
      notify('beh.directorySync.started', { type: 'info' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button label="beh.directorySync.syncNow" disabled={busy} onClick={() => void start()}>
      <SyncIcon />
    </Button>
  );
};
