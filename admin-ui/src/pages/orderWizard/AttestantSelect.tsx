import { MenuItem, TextField } from '@mui/material';
import { type KeyboardEvent, useCallback, useRef } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { attestantLabel } from '../../orders/attestantName';
import type { Attestant } from '../../orders/types';
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

/** Typed letters within this long of each other make one search ("sa" + "r" = "sar"). */
const TYPE_AHEAD_MS = 1000;

const fold = (text: string) => text.toLocaleLowerCase('sv-SE');

/** What type-ahead matches the start of: either name, either order of them, or the VGR-ID. */
const searchKeys = (attestant: Attestant): string[] =>
  [
    attestant.lastName,
    attestant.firstName,
    attestant.userId,
    `${attestant.lastName} ${attestant.firstName}`,
    `${attestant.firstName} ${attestant.lastName}`,
  ].map(fold);

/**
 * The attestant that typing `typed` picks, as a native select does: the first whose name or VGR-ID
 * begins with it; the same letter again steps to the next one beginning with that letter.
 */
export function typeAhead(
  list: Attestant[],
  typed: string,
  current: Identifier | undefined,
): Attestant | undefined {
  const startsWith = (text: string) => (attestant: Attestant) =>
    searchKeys(attestant).some((key) => key.startsWith(text));
  const repeated = typed.length > 1 && [...typed].every((letter) => letter === typed[0]);
  if (repeated && !list.some(startsWith(typed))) {
    const candidates = list.filter(startsWith(typed[0]));
    const at = candidates.findIndex((attestant) => String(attestant.id) === String(current));
    return candidates[(at + 1) % candidates.length];
  }
  return list.find(startsWith(typed));
}

/**
 * How an attestant reads in the list: "Berg Sara (sarbe3)" as in the seed. The title only tells
 * apart two of the same name; otherwise a title such as "Administratör" reads as a role in BEH.
 */
function labelOf(attestant: Attestant, list: Attestant[]): string {
  const sameName = list.filter(
    (other) => other.firstName === attestant.firstName && other.lastName === attestant.lastName,
  );
  return sameName.length > 1 && attestant.title
    ? `${attestantLabel(attestant)} – ${attestant.title}`
    : attestantLabel(attestant);
}

/**
 * "Attestant": only those who may attest on the care unit (GET /api/attestants). Usable by
 * type-ahead: with the list closed, typing the start of a name or VGR-ID picks that attestant;
 * with the list open, typing moves to the matching row.
 */
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
  const typed = useRef({ text: '', at: 0 });
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

  // MUI's closed select ignores letters; the open list has its own type-ahead.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute('role') !== 'combobox' || target.getAttribute('aria-expanded') === 'true') return;
    if (event.key.length !== 1 || event.key === ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
    const now = Date.now();
    const text = (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') + fold(event.key);
    typed.current = { text, at: now };
    const match = typeAhead(list, text, value);
    event.preventDefault();
    if (match && String(match.id) !== String(value)) onChange(match.id);
  };

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
      onKeyDown={onKeyDown}
      error={Boolean(helperText) && attestants.state !== 'loading'}
      helperText={helperText ?? translate('beh.wizardUx.attestantHint')}
      disabled={attestants.state !== 'ready' || list.length === 0}
      sx={{ minWidth: 320 }}
    >
      {list.map((attestant) => (
        <MenuItem key={attestant.id} value={String(attestant.id)}>
          {labelOf(attestant, list)}
        </MenuItem>
      ))}
    </TextField>
  );
};
