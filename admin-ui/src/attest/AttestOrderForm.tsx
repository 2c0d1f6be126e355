import { Box, Divider, Typography } from '@mui/material';
import { useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { fieldError } from '../common/problem';
import { AttestDecisionForm } from './AttestDecisionForm';
import { AttestItems } from './AttestItems';
import { AttestOrderSummary } from './AttestOrderSummary';
import { AttestResult } from './AttestResult';
import { SigningStatus } from './SigningStatus';
import type { AttestOrder } from './types';
import { useSigning } from './useSigning';

const toggled = (set: ReadonlySet<Identifier>, id: Identifier) => {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
};

/**
 * The attestant's decision on one order: lines removed, a comment when rejecting, then the
 * signature in the signing window. Nothing changes on the order until it is signed.
 */
export const AttestOrderForm = ({ order }: { order: AttestOrder }) => {
  const translate = useTranslate();
  const pendingItems = order.items.filter((item) => item.status === 'PENDING');
  const [ticked, setTicked] = useState<ReadonlySet<Identifier>>(new Set());
  const [removed, setRemoved] = useState<ReadonlySet<Identifier>>(new Set());
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const { state, start, reopen, reset } = useSigning();

  const serverCommentError = state.phase === 'failed' ? fieldError(state.error, 'comment') : undefined;
  const decided = state.phase === 'done' ? state.outcome : undefined;
  const busy = state.phase === 'requesting' || state.phase === 'signing' || Boolean(decided);
  const allRemoved = pendingItems.length > 0 && pendingItems.every((item) => removed.has(item.id));

  const approve = () => {
    setCommentError(undefined);
    void start({
      orderIds: [order.id],
      decision: 'APPROVE',
      removeItemIds: [...removed].map(String),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };
  const reject = () => {
    // The server says the same (400, errors.comment); asking first spares a round trip.
    if (!comment.trim()) {
      setCommentError('beh.attest.order.commentRequired');
      document.getElementById('reject-comment')?.focus();
      return;
    }
    setCommentError(undefined);
    void start({ orderIds: [order.id], decision: 'REJECT', comment: comment.trim() });
  };

  return (
    <Box>
      <AttestOrderSummary
        order={order}
        status={decided?.orders.find((decidedOrder) => decidedOrder.id === order.id)?.status}
      />
      <Divider sx={{ my: 3 }} />
      <Typography id="attest-items-heading" variant="h6" component="h2" gutterBottom>
        {translate('beh.attest.order.items')}
      </Typography>
      <AttestItems
        items={order.items}
        ticked={ticked}
        removed={removed}
        disabled={busy}
        decided={Boolean(decided)}
        onTick={(id) => setTicked(toggled(ticked, id))}
        onRemoveTicked={() => {
          setRemoved(new Set([...removed, ...ticked]));
          setTicked(new Set());
        }}
        onUndo={(id) => setRemoved(toggled(removed, id))}
      />
      {allRemoved && !decided && (
        <Typography color="error" sx={{ mt: 1 }} role="status">
          {translate('beh.attest.order.allRemoved')}
        </Typography>
      )}
      <Divider sx={{ my: 3 }} />
      {state.phase === 'done' ? (
        <AttestResult outcome={state.outcome} />
      ) : (
        <>
          <AttestDecisionForm
            comment={comment}
            commentError={commentError ?? serverCommentError}
            disabled={busy}
            approveDisabled={allRemoved}
            onCommentChange={(value) => {
              setComment(value);
              if (value.trim()) setCommentError(undefined);
              if (state.phase === 'failed') reset();
            }}
            onApprove={approve}
            onReject={reject}
          />
          {!serverCommentError && <SigningStatus state={state} onReopen={reopen} onCancel={reset} />}
        </>
      )}
    </Box>
  );
};
