import {
  Alert,
  AlertTitle,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@mui/material';
import { useCallback } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { isNotFound, problemMessages } from '../common/problem';
import { LabeledValue, LabeledValues } from '../orders/LabeledValue';
import { useLoaded } from '../orders/useLoaded';
import type { SignatureCheck } from './types';
import { useAttestApi } from './useAttestApi';

const label = (name: string) => `beh.attest.verify.${name}`;

const Verified = ({ check }: { check: SignatureCheck }) => {
  const translate = useTranslate();
  if (!check.ok) {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>{translate(label('failed'))}</AlertTitle>
        {check.message ?? check.reason}
        {check.reason && (
          <Box component="span" sx={{ display: 'block', mt: 1, color: 'text.secondary' }}>
            {translate(label('reason'))}: {check.reason}
          </Box>
        )}
      </Alert>
    );
  }
  return (
    <>
      <Alert severity="success" role="status" sx={{ mb: 2 }}>
        <AlertTitle>{translate(label('ok'))}</AlertTitle>
        {translate(label('okText'))}
      </Alert>
      <LabeledValues min={220}>
        <LabeledValue label={label('decision')}>
          {translate(`beh.attest.verify.decisionValue.${check.decision}`)}
        </LabeledValue>
        <LabeledValue label={label('signer')}>
          {check.signer && (
            <>
              {check.signer.commonName} <span style={{ whiteSpace: 'nowrap' }}>({check.signer.hsaId})</span>
            </>
          )}
        </LabeledValue>
        <LabeledValue label={label('signedAt')}>
          {check.signedAt ? formatTimestamp(check.signedAt) : null}
        </LabeledValue>
        <LabeledValue label={label('certificate')}>
          {check.certificateSubject ?? check.signer?.subject}
        </LabeledValue>
        <LabeledValue label={label('serialNumber')}>
          <Box component="span" sx={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }}>
            {check.signer?.serialNumber}
          </Box>
        </LabeledValue>
        <LabeledValue label={label('issuer')}>{check.signer?.issuer}</LabeledValue>
        {check.revocation && (
          <LabeledValue label={label('revocation')}>
            {translate(`beh.attest.verify.revocationValue.${check.revocation.status}`, {
              at: check.revocation.at ? formatTimestamp(check.revocation.at) : '',
            })}
          </LabeledValue>
        )}
      </LabeledValues>
    </>
  );
};

/** The outcome of `GET /api/orders/:id/signature`: signer, time and certificate, or why it failed. */
export const VerifySignatureDialog = ({ orderId, onClose }: { orderId: Identifier; onClose: () => void }) => {
  const translate = useTranslate();
  const api = useAttestApi();
  const load = useCallback(() => api.verifySignature(orderId), [api, orderId]);
  const loaded = useLoaded(load);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="verify-signature-title">
      <DialogTitle id="verify-signature-title">{translate(label('title'))}</DialogTitle>
      <DialogContent>
        {loaded.state === 'loading' && (
          <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <CircularProgress size={20} aria-hidden />
            {translate(label('checking'))}
          </Box>
        )}
        {loaded.state === 'ready' && <Verified check={loaded.value} />}
        {loaded.state === 'failed' && (
          <Alert severity={isNotFound(loaded.error) ? 'warning' : 'error'} role="alert">
            {problemMessages(loaded.error).map((message) => translate(message, { _: message }))}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
