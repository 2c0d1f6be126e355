import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/problem';
import { targetName } from './fields';
import type { Delegation } from './types';
import { useCanManage } from './useCanManage';
import { useDelegationApi } from './useDelegationApi';

/** "Återkalla": ends the delegation at once, after a confirmation; it cannot be undone. */
export const RevokeDelegationButton = () => {
  const delegation = useRecordContext<Delegation>();
  const canManage = useCanManage(delegation);
  const api = useDelegationApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState(false);
  if (!delegation || !canManage) return null;

  const revoke = async () => {
    setRevoking(true);
    try {
      await api.revokeDelegation(delegation.id);
      notify('beh.delegations.notifications.revoked', { type: 'info' });
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
      <Button label="beh.delegations.actions.revoke" color="error" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={revoking}
        title="beh.delegations.revokeDialog.title"
        content="beh.delegations.revokeDialog.content"
        translateOptions={{ name: delegation.delegateName, unit: targetName(delegation) }}
        confirm="beh.delegations.actions.revoke"
        confirmColor="warning"
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
