import { Chip, type ChipProps } from '@mui/material';
import { Labeled, useRecordContext, useTranslate } from 'react-admin';
import type { Delegation, DelegationStatus, DelegationTarget } from './types';
import { operationLabel } from './useGrantableOperations';
import { useOperationTexts } from './useOperationTexts';

const STATUS_COLOURS: Record<DelegationStatus, ChipProps['color']> = {
  ACTIVE: 'success',
  FUTURE: 'info',
  ENDED: 'default',
  REVOKED: 'error',
};

// Fields read the record from context; `source` and `label` are for the grid's header and sorting.
interface FieldProps {
  source?: string;
  label?: string;
}

export const DelegationStatusField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOURS[record.status]}
      label={translate(`beh.delegations.status.${record.status}`)}
    />
  );
};

/** "Beställa, Attestera". */
export const RightsField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{record.rights.map((right) => translate(`beh.delegations.right.${right}`)).join(', ')}</>;
};

/** Whether the delegation is for a verksamhet (else for a care unit). */
export const isForOperation = (d: DelegationTarget): boolean => Boolean(d.accessOperationId);

/** What the delegation is for: the care unit's name, or the verksamhet as "Område / Verksamhet". */
export const targetName = (d: DelegationTarget): string =>
  isForOperation(d)
    ? operationLabel({ name: d.accessOperationName ?? '', areaName: d.areaName ?? '' })
    : (d.careUnitName ?? '');

/** The care unit, or the verksamhet where a unit would be ("Område / Verksamhet"). */
export const TargetField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  if (!record) return null;
  return <>{targetName(record)}</>;
};

/**
 * On the show page: "Vårdenhet" with the unit, or "Verksamhet" with "Område / Verksamhet"; labelled
 * itself, since the label depends on the record (give it `label={false}` in a layout).
 */
export const LabeledTargetField = (_: { label?: false }) => {
  const record = useRecordContext<Delegation>();
  const text = useOperationTexts();
  if (!record) return null;
  const label = isForOperation(record)
    ? text('resources.delegations.fields.accessOperationName')
    : 'resources.delegations.fields.careUnitName';
  return (
    <Labeled label={label}>
      <TargetField />
    </Labeled>
  );
};

/**
 * The listed assignments, or "Hela vårdenheten" when the delegation covers the whole unit ("Hela
 * verksamheten" for a verksamhet, which lists none).
 */
export const AssignmentsField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  const translate = useTranslate();
  const text = useOperationTexts();
  if (!record) return null;
  if (isForOperation(record)) return <>{text('beh.delegations.wholeOperation')}</>;
  return (
    <>
      {record.assignmentIds.length === 0
        ? translate('beh.delegations.wholeUnit')
        : record.assignmentNames.join(', ')}
    </>
  );
};

/** The end date, or "Tills vidare" for a delegation without one. */
export const ValidToField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{record.validTo ?? translate('beh.delegations.untilFurtherNotice')}</>;
};

/** "Nils Boström (nilbo4)". */
export const DelegateField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  if (!record) return null;
  return <>{`${record.delegateName} (${record.delegateUserId})`}</>;
};
