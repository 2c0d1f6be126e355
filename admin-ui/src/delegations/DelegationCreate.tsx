import { Alert } from '@mui/material';
import { useCallback, useState } from 'react';
import { Create, Loading, useNotify, useRedirect, useTranslate } from 'react-admin';
import { type CatalogueSeen, DelegationInputs } from './DelegationInputs';
import type { Delegation, NewDelegation } from './types';
import { useGrantableUnits } from './useGrantableUnits';
import type { DelegationFormValues } from './validation';

/** Each unit's assignments by unit, as its catalogue was fetched. */
type Catalogues = Map<string, Set<string>>;

/**
 * The form's values as the API wants them: only assignments of the chosen unit (ticks made under
 * another unit stay in the form, not in the delegation), none for the whole unit.
 */
const toNewDelegation =
  (catalogues: Catalogues) =>
  (values: DelegationFormValues): NewDelegation => {
    const ofUnit = catalogues.get(String(values.careUnitId));
    return {
      delegateId: values.delegateId ?? '',
      careUnitId: values.careUnitId ?? '',
      rights: values.rights ?? [],
      assignmentIds:
        values.scope === 'CHOSEN' ? (values.assignmentIds ?? []).filter((id) => ofUnit?.has(String(id))) : [],
      validFrom: values.validFrom ?? '',
      validTo: values.validTo || null,
    };
  };

/** "Ny delegering". */
export default function DelegationCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const grantable = useGrantableUnits();
  // Says what was made, for whom, where and how long, instead of react-admin's "Element created".
  const onSuccess = (created: Delegation) => {
    notify(
      created.validTo ? 'beh.words.delegations.created' : 'beh.words.delegations.createdUntilFurtherNotice',
      {
        type: 'info',
        messageArgs: {
          name: `${created.delegateName} (${created.delegateUserId})`,
          unit: created.careUnitName,
          from: created.validFrom,
          to: created.validTo,
        },
      },
    );
    redirect('show', 'delegations', created.id);
  };
  // Filled as catalogues arrive and read when the form is sent: no render depends on it.
  const [catalogues] = useState<Catalogues>(() => new Map());
  const onCatalogue = useCallback<CatalogueSeen>(
    (unit) => catalogues.set(String(unit.id), new Set(unit.assignments.map((a) => String(a.id)))),
    [catalogues],
  );
  if (grantable.state === 'loading') return <Loading />;
  if (grantable.state === 'failed')
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {translate('beh.delegations.unitsFailed', {
          // A key (a network failure) is translated; the server's own sentence is shown as it is.
          message: translate(grantable.message, { _: grantable.message }),
        })}
      </Alert>
    );
  if (grantable.state === 'none')
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {translate('beh.delegations.noGrantableUnits')}
      </Alert>
    );
  return (
    <Create
      title="beh.delegations.createTitle"
      transform={toNewDelegation(catalogues)}
      mutationOptions={{ onSuccess }}
    >
      <DelegationInputs
        units={grantable.state === 'few' ? grantable.units : undefined}
        onCatalogue={onCatalogue}
      />
    </Create>
  );
}
