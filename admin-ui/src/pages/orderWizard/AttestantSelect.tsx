import { MenuItem, TextField } from '@mui/material';
import { useCallback } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { attestantLabel } from '../../orders/attestantName';
import { useLoaded } from '../../orders/useLoaded';
import { useOrderApi } from '../../orders/useOrderApi';

interface Props {
  careUnitId: Identifier;
  /** The unit's lines: an attestant must be allowed to attest every one of them. */
  assignmentIds: string;
  value: Identifier | undefined;
  /** Shown once the orderer tried to send without an attestant. */
  showMissing: boolean;
  onChange: (attestantId: Identifier) => void;
  /** Called with the only attestant of the unit, so the orderer need not pick them. */
  onOnlyOne: (attestantId: Identifier) => void;
}

/** "Attestant": only those who may attest on the care unit (GET /api/attestants). */
export const AttestantSelect = ({
  careUnitId,
  assignmentIds,
  value,
  showMissing,
  onChange,
  onOnlyOne,
}: Props) => {
  const translate = useTranslate();
  const api = useOrderApi();
  const attestants = useLoaded(
    useCallback(
      () =>
        api.getAttestants(careUnitId, assignmentIds.split(',').filter(Boolean)).then((list) => {
          if (list.length === 1) onOnlyOne(list[0].id);
          return list;
        }),
      [api, careUnitId, assignmentIds, onOnlyOne],
    ),
  );
  const list = attestants.state === 'ready' ? attestants.value : [];
  const known = list.some((attestant) => String(attestant.id) === String(value));
  const helperText =
    attestants.state === 'failed'
      ? translate(errorMessage(attestants.error))
      : attestants.state === 'ready' && list.length === 0
        ? translate('beh.wizard.noAttestants')
        : showMissing && !value
          ? translate('beh.wizard.attestantRequired')
          : undefined;
  return (
    <TextField
      select
      required
      label={translate('beh.wizard.attestant')}
      value={known ? String(value) : ''}
      onChange={(event) => {
        const chosen = list.find((attestant) => String(attestant.id) === event.target.value);
        if (chosen) onChange(chosen.id);
      }}
      error={Boolean(helperText) && attestants.state !== 'loading'}
      helperText={helperText}
      disabled={attestants.state !== 'ready' || list.length === 0}
      sx={{ minWidth: 320 }}
    >
      {list.map((attestant) => (
        <MenuItem key={attestant.id} value={String(attestant.id)}>
          {attestantLabel(attestant)}
          {attestant.title ? ` – ${attestant.title}` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
};
