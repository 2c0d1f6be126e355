import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { useAccessOrderApi } from '../accessOrders/api';
import { errorMessage } from '../common/problem';
import { attestantLabel } from './attestantName';
import { orderPerson } from './fields';
import type { OrderDetail } from './types';
import { useLoaded } from './useLoaded';
import { useOrderApi } from './useOrderApi';

interface Props {
  order: OrderDetail;
  saving: boolean;
  error: string | null;
  onOk: (attestantId: Identifier) => void;
  onClose: () => void;
}

/** "Byt attestant": the others who may attest on the order's unit; OK or Avbryt. */
export const ChangeAttestantDialog = ({ order, saving, error, onOk, onClose }: Props) => {
  const translate = useTranslate();
  const api = useOrderApi();
  const accessApi = useAccessOrderApi();
  const [chosen, setChosen] = useState('');
  // An access order (issue 14) is attested on its verksamhet.
  const accessOperationId = (order as { accessOperationId?: string | null }).accessOperationId ?? null;
  // The lines still open: the new attestant must be allowed to attest every one (as one string, so
  // that a new array per render does not load again).
  const pending = (order.items ?? [])
    .filter((item) => item.status === 'PENDING')
    .map((item) => String(item.assignmentId))
    .join(',');
  const attestants = useLoaded(
    useCallback(
      () =>
        accessOperationId
          ? accessApi.getOperationAttestants(accessOperationId)
          : api.getAttestants(String(order.careUnitId), pending.split(',').filter(Boolean)),
      [api, accessApi, accessOperationId, order.careUnitId, pending],
    ),
  );
  const others =
    attestants.state === 'ready'
      ? attestants.value.filter((attestant) => String(attestant.id) !== String(order.attestantId))
      : [];
  const picked = others.find((attestant) => String(attestant.id) === chosen);
  return (
    <Dialog open onClose={onClose} aria-labelledby="change-attestant-title" fullWidth maxWidth="sm">
      <DialogTitle id="change-attestant-title">{translate('beh.orders.changeAttestant.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('beh.orders.changeAttestant.current', { name: orderPerson(order, 'attestant') })}
        </Typography>
        {attestants.state === 'failed' && (
          <Alert severity="error">{translate(errorMessage(attestants.error))}</Alert>
        )}
        {attestants.state === 'ready' && others.length === 0 ? (
          <Alert severity="info">
            {translate(
              accessOperationId
                ? 'beh.accessOrders.noOtherAttestants'
                : 'beh.orders.changeAttestant.noOthers',
            )}
          </Alert>
        ) : (
          <TextField
            select
            fullWidth
            label={translate('beh.orders.changeAttestant.newAttestant')}
            value={picked ? chosen : ''}
            onChange={(event) => setChosen(event.target.value)}
            disabled={attestants.state !== 'ready'}
            sx={{ mt: 1 }}
          >
            {others.map((attestant) => (
              <MenuItem key={attestant.id} value={String(attestant.id)}>
                {attestantLabel(attestant)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate('beh.orders.changeAttestant.mailNote')}
        </Typography>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!picked || saving} onClick={() => picked && onOk(picked.id)}>
          {translate('beh.orders.changeAttestant.ok')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
