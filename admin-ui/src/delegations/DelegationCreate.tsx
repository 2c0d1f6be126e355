import { Alert } from '@mui/material';
import { useCallback, useState } from 'react';
import { Create, Loading, useNotify, useRedirect, useTranslate } from 'react-admin';
import { type CatalogueSeen, DelegationInputs } from './DelegationInputs';
import type { Delegation, NewDelegation } from './types';
import { operationLabel, useGrantableOperations } from './useGrantableOperations';
import { useGrantableUnits } from './useGrantableUnits';
import { useOperationTexts } from './useOperationTexts';
import type { DelegationFormValues, DelegationTargetKind } from './validation';

/** Each unit's assignments by unit, as its catalogue was fetched. */
type Catalogues = Map<string, Set<string>>;

/**
 * The form's values as the API wants them: for a verksamhet its id alone; for a unit only
 * assignments of the chosen unit (ticks made under another unit stay in the form, not in the
 * delegation), none for the whole unit.
 */
const toNewDelegation =
  (catalogues: Catalogues) =>
  (values: DelegationFormValues): NewDelegation => {
    const common = {
      delegateId: values.delegateId ?? '',
      rights: values.rights ?? [],
      validFrom: values.validFrom ?? '',
      validTo: values.validTo || null,
    };
    if (values.target === 'OPERATION') {
      return { ...common, accessOperationId: values.accessOperationId ?? '', assignmentIds: [] };
    }
    const ofUnit = catalogues.get(String(values.careUnitId));
    return {
      ...common,
      careUnitId: values.careUnitId ?? '',
      assignmentIds:
        values.scope === 'CHOSEN' ? (values.assignmentIds ?? []).filter((id) => ofUnit?.has(String(id))) : [],
    };
  };

/** "Ny delegering". */
export default function DelegationCreate() {
  const translate = useTranslate();
  const text = useOperationTexts();
  const notify = useNotify();
  const redirect = useRedirect();
  const grantable = useGrantableUnits();
  const operations = useGrantableOperations();
  // Says what was made, for whom, where and how long, instead of react-admin's "Element created".
  const onSuccess = (created: Delegation) => {
    notify(
      created.validTo ? 'beh.words.delegations.created' : 'beh.words.delegations.createdUntilFurtherNotice',
      {
        type: 'info',
        messageArgs: {
          name: `${created.delegateName} (${created.delegateUserId})`,
          unit:
            created.careUnitName ??
            operationLabel({ name: created.accessOperationName ?? '', areaName: created.areaName ?? '' }),
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
  if (grantable.state === 'loading' || operations.state === 'loading') return <Loading />;
  if (grantable.state === 'failed' || operations.state === 'failed') {
    const [key, message] =
      grantable.state === 'failed'
        ? ['beh.delegations.unitsFailed', grantable.message]
        : ['beh.delegations.operationsFailed', operations.state === 'failed' ? operations.message : ''];
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {text(key, {
          // A key (a network failure) is translated; the server's own sentence is shown as it is.
          message: translate(message, { _: message }),
        })}
      </Alert>
    );
  }
  // A unit first: a head of both kinds delegates for units most often.
  const targets: DelegationTargetKind[] = [
    ...(grantable.state === 'none' ? [] : (['UNIT'] as const)),
    ...(operations.state === 'none' ? [] : (['OPERATION'] as const)),
  ];
  if (targets.length === 0)
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {text('beh.delegations.noGrantableTargets')}
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
        operations={operations.state === 'few' ? operations.operations : undefined}
        targets={targets}
        onCatalogue={onCatalogue}
      />
    </Create>
  );
}
