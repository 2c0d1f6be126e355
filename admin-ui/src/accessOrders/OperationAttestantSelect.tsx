import { MenuItem, TextField } from '@mui/material';
import { type KeyboardEvent, useCallback, useRef } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../common/problem';
import { attestantLabel } from '../orders/attestantName';
import { useLoaded } from '../orders/useLoaded';
import { typeAhead } from '../pages/orderWizard/AttestantSelect';
import { useAccessOrderApi } from './api';

interface Props {
  operationId: string;
  value: Identifier | undefined;
  showMissing: boolean;
  onChange: (attestantId: Identifier) => void;
  onOnlyOne: (attestantId: Identifier) => void;
}

const TYPE_AHEAD_MS = 1000;

/**
 * "Attestant" of a verksamhet: its head and those with an ATTEST delegation there
 * (GET /api/attestants?accessOperationId=); type-ahead as the VMU wizard's picker.
 */
export const OperationAttestantSelect = ({ operationId, value, showMissing, onChange, onOnlyOne }: Props) => {
  const translate = useTranslate();
  const api = useAccessOrderApi();
  const typed = useRef({ text: '', at: 0 });
  const attestants = useLoaded(
    useCallback(
      () =>
        api.getOperationAttestants(operationId).then((list) => {
          if (list.length === 1) onOnlyOne(list[0].id);
          return list;
        }),
      [api, operationId, onOnlyOne],
    ),
  );
  const list = attestants.state === 'ready' ? attestants.value : [];
  const known = list.some((attestant) => String(attestant.id) === String(value));
  const helperText =
    attestants.state === 'failed'
      ? translate(errorMessage(attestants.error))
      : attestants.state === 'ready' && list.length === 0
        ? translate('beh.accessOrders.noAttestants')
        : showMissing && !value
          ? translate('beh.accessOrders.attestantRequired')
          : undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute('role') !== 'combobox' || target.getAttribute('aria-expanded') === 'true') return;
    if (event.key.length !== 1 || event.key === ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
    const now = Date.now();
    const text =
      (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') +
      event.key.toLocaleLowerCase('sv-SE');
    typed.current = { text, at: now };
    const match = typeAhead(list, text, value);
    event.preventDefault();
    if (match && String(match.id) !== String(value)) onChange(match.id);
  };

  return (
    <TextField
      select
      required
      id={`attestant-${operationId}`}
      label={translate('beh.wizard.attestant')}
      value={known ? String(value) : ''}
      onChange={(event) => {
        const chosen = list.find((attestant) => String(attestant.id) === event.target.value);
        if (chosen) onChange(chosen.id);
      }}
      onKeyDown={onKeyDown}
      error={Boolean(helperText) && attestants.state !== 'loading'}
      helperText={helperText ?? translate('beh.wizardUx.attestantHint')}
      disabled={attestants.state !== 'ready' || list.length === 0}
      sx={{ minWidth: 320 }}
    >
      {list.map((attestant) => (
        <MenuItem key={attestant.id} value={String(attestant.id)}>
          {attestantLabel(attestant)}
        </MenuItem>
      ))}
    </TextField>
  );
};
