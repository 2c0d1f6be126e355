import TuneIcon from '@mui/icons-material/Tune';
import { Dialog, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { errorMessage, fieldErrors } from '../common/problem';
import { type LimitFormValues, toLimit } from './limit';
import { LimitDelegationForm } from './LimitDelegationForm';
import type { Delegation } from './types';
import { useCanManage } from './useCanManage';
import { useDelegationApi } from './useDelegationApi';

/** "Begränsa": narrows an active or future delegation in a dialog. */
export const LimitDelegationButton = () => {
  const delegation = useRecordContext<Delegation>();
  const canManage = useCanManage(delegation);
  const api = useDelegationApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!delegation || !canManage) return null;

  // Returns the server's field errors so the form shows them beside the fields.
  const submit = async (values: LimitFormValues): Promise<Record<string, string> | undefined> => {
    const limit = toLimit(delegation, values);
    if (Object.keys(limit).length === 0) {
      notify('beh.delegations.notifications.nothingToLimit', { type: 'warning' });
      return undefined;
    }
    let limited: Delegation;
    try {
      limited = await api.limitDelegation(delegation.id, limit);
    } catch (error) {
      const byField = fieldErrors(error);
      if (byField) return byField;
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
    // What the limit did, as the delegation now reads: the new end, rights or assignments.
    const what = [
      limit.validTo && translate('beh.words.delegations.limitedValidTo', { to: limited.validTo }),
      limit.rights &&
        translate('beh.words.delegations.limitedRights', {
          rights: limited.rights.map((right) => translate(`beh.delegations.right.${right}`)).join(', '),
        }),
      limit.assignmentIds &&
        translate('beh.words.delegations.limitedAssignments', {
          assignments: limited.assignmentNames.join(', '),
        }),
    ].filter(Boolean);
    notify('beh.words.delegations.limited', {
      type: 'info',
      messageArgs: {
        name: `${limited.delegateName} (${limited.delegateUserId})`,
        unit: limited.careUnitName,
        what: what.join(', '),
      },
    });
    setOpen(false);
    refresh();
    return undefined;
  };

  return (
    <>
      <Button label="beh.delegations.actions.limit" onClick={() => setOpen(true)}>
        <TuneIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="limit-delegation-title" fullWidth>
        <DialogTitle id="limit-delegation-title">
          {translate('beh.delegations.limitDialog.title', { name: delegation.delegateName })}
        </DialogTitle>
        <LimitDelegationForm delegation={delegation} onSubmit={submit} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
};
