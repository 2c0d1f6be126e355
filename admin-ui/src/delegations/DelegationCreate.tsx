import { Alert } from '@mui/material';
import { Create, Loading, useTranslate } from 'react-admin';
import { DelegationInputs } from './DelegationInputs';
import type { GrantableUnit, NewDelegation } from './types';
import { useGrantableUnits } from './useGrantableUnits';
import type { DelegationFormValues } from './validation';

/** The form's values as the API wants them: only assignments of the chosen unit, none for the whole unit. */
const toNewDelegation =
  (units: GrantableUnit[]) =>
  (values: DelegationFormValues): NewDelegation => {
    const unit = units.find((candidate) => String(candidate.id) === String(values.careUnitId));
    const ofUnit = new Set(unit?.assignments.map((assignment) => String(assignment.id)));
    return {
      delegateId: values.delegateId ?? '',
      careUnitId: values.careUnitId ?? '',
      rights: values.rights ?? [],
      assignmentIds:
        values.scope === 'CHOSEN' ? (values.assignmentIds ?? []).filter((id) => ofUnit.has(id)) : [],
      validFrom: values.validFrom ?? '',
      validTo: values.validTo || null,
    };
  };

/** "Ny delegering". */
export default function DelegationCreate() {
  const translate = useTranslate();
  const grantable = useGrantableUnits();
  if (grantable.state === 'loading') return <Loading />;
  if (grantable.state === 'failed') return <Alert severity="error">{grantable.message}</Alert>;
  if (grantable.units.length === 0)
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {translate('beh.delegations.noGrantableUnits')}
      </Alert>
    );
  return (
    <Create title="beh.delegations.createTitle" redirect="show" transform={toNewDelegation(grantable.units)}>
      <DelegationInputs units={grantable.units} />
    </Create>
  );
}
