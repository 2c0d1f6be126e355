import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/problem';
import { revokeApiClient } from './api';
import type { ApiClient } from './types';

/** "Återkalla": the client's token is refused from the next call on, after a confirmation; final. */
export const RevokeApiClientButton = () => {
  const client = useRecordContext<ApiClient>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState(false);
  if (!client || client.status === 'REVOKED') return null;

  const revoke = async () => {
    setRevoking(true);
    try {
      await revokeApiClient(client.id);
      notify('beh.apiClients.revoked', { type: 'info', messageArgs: { name: client.name } });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setRevoking(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        label="beh.apiClients.revoke"
        color="error"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={revoking}
        title="beh.apiClients.revokeDialog.title"
        content="beh.apiClients.revokeDialog.content"
        translateOptions={{ name: client.name }}
        confirm="beh.apiClients.revoke"
        confirmColor="warning"
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
