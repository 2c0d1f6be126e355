import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Delegation, DelegationStatus } from './types';

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

/** The listed assignments, or "Hela vårdenheten" when the delegation covers the whole unit. */
export const AssignmentsField = (_: FieldProps) => {
  const record = useRecordContext<Delegation>();
  const translate = useTranslate();
  if (!record) return null;
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
