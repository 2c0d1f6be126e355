import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { RejectDialog } from './RejectDialog';
import { SigningStatus } from './SigningStatus';
import type { QueueOrder, SignedDecision } from './types';
import { useSigning } from './useSigning';

/** "3 beställningar attesterades", or how many were rejected; carried-out ones count as attested. */
const outcomeMessage = (outcome: SignedDecision) =>
  outcome.decision === 'APPROVE' ? 'beh.attest.queue.approved' : 'beh.attest.queue.rejected';

/**
 * "Godkänn markerade" / "Avslå markerade" (react-admin demo's BulkAcceptButton, with a signature):
 * one sign request for every ticked order, one signing window; when it is signed the queue and
 * its counts are asked for again and the ticks cleared.
 */
export const QueueBulkActions = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { selectedIds, onUnselectItems } = useListContext<QueueOrder>();
  const { state, start, reopen, reset } = useSigning();
  const [rejecting, setRejecting] = useState(false);

  useEffect(() => {
    if (state.phase !== 'done') return;
    notify(outcomeMessage(state.outcome), {
      type: 'success',
      messageArgs: { smart_count: state.outcome.orders.length },
    });
    onUnselectItems();
    refresh();
    reset();
  }, [state, notify, onUnselectItems, refresh, reset]);

  const busy = state.phase === 'requesting' || state.phase === 'signing';
  const count = selectedIds.length;
  if (count === 0 && state.phase === 'idle') return null;
  return (
    <Box sx={{ px: 2, pt: 1 }}>
      {count > 0 && (
        <Box
          role="region"
          aria-label={translate('beh.attest.queue.bulkLabel')}
          sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', py: 1 }}
        >
          <Typography variant="body2" sx={{ mr: 1 }} role="status">
            {translate('beh.attest.queue.selected', { smart_count: count })}
          </Typography>
          <Button
            variant="contained"
            color="success"
            startIcon={<CheckIcon />}
            disabled={busy}
            onClick={() => void start({ orderIds: selectedIds, decision: 'APPROVE' })}
          >
            {translate('beh.attest.queue.approveSelected')}
          </Button>
          <Button
            variant="outlined"
            color="error"
            startIcon={<CloseIcon />}
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            {translate('beh.attest.queue.rejectSelected')}
          </Button>
          <Button disabled={busy} onClick={() => onUnselectItems()}>
            {translate('beh.attest.queue.unselect')}
          </Button>
        </Box>
      )}
      <SigningStatus state={state} onReopen={reopen} onCancel={reset} />
      <RejectDialog
        count={count}
        open={rejecting}
        onClose={() => setRejecting(false)}
        onReject={(comment) => {
          setRejecting(false);
          void start({ orderIds: selectedIds, decision: 'REJECT', comment });
        }}
      />
    </Box>
  );
};
