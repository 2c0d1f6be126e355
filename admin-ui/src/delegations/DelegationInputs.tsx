import { Alert, Box, CircularProgress, Typography } from '@mui/material';
import { useEffect, useMemo } from 'react';
import {
  AutocompleteInput,
  CheckboxGroupInput,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  useTranslate,
} from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import { rightChoices } from './choices';
import { todayInStockholm } from '../common/dates';
import { PersonOption, personInputText, personMatches } from './PersonOption';
import { OperationOption, operationInputText, operationMatches } from './OperationOption';
import type { GrantableOperationItem, GrantableUnit, GrantableUnitItem } from './types';
import { UnitOption, unitInputText, unitMatches } from './UnitOption';
import { GRANTABLE_OPERATIONS, operationLabel } from './useGrantableOperations';
import { GRANTABLE_UNITS, useUnitCatalogue } from './useGrantableUnits';
import { useOperationTexts } from './useOperationTexts';
import {
  assignmentsWhenChosen,
  type DelegationFormValues,
  type DelegationTargetKind,
  notBeforeToday,
  notBeforeValidFrom,
} from './validation';

const scopeChoices = [
  { id: 'UNIT', name: 'beh.delegations.scope.UNIT' },
  { id: 'CHOSEN', name: 'beh.delegations.scope.CHOSEN' },
];

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" component="h2" sx={{ mt: 2, fontWeight: 600 }}>
      {translate(title)}
    </Typography>
  );
};

/** Told each catalogue as it arrives: the assignments a delegation for that unit may name. */
export type CatalogueSeen = (unit: GrantableUnit) => void;

/**
 * The assignments of the chosen unit, to tick when the delegation covers only some of them. The
 * unit's catalogue is fetched as soon as it is chosen, so that it is there when "Valda uppdrag" is.
 */
const UnitAssignments = ({
  careUnitId,
  chosen,
  onCatalogue,
}: {
  careUnitId: string | undefined;
  chosen: boolean;
  onCatalogue: CatalogueSeen;
}) => {
  const translate = useTranslate();
  const catalogue = useUnitCatalogue(careUnitId);
  const unit = catalogue.state === 'ready' ? catalogue.unit : undefined;
  useEffect(() => {
    if (unit) onCatalogue(unit);
  }, [unit, onCatalogue]);
  const validate = useMemo(
    () => assignmentsWhenChosen(new Set(unit?.assignments.map((a) => String(a.id)))),
    [unit],
  );
  if (!chosen) return null;
  const assignments = unit?.assignments ?? [];
  return (
    <>
      {catalogue.state === 'loading' && (
        <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
          <CircularProgress size={20} aria-hidden />
          <Typography variant="body2">{translate('beh.delegations.catalogueLoading')}</Typography>
        </Box>
      )}
      {catalogue.state === 'failed' && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {translate('beh.delegations.catalogueFailed', {
            message: translate(catalogue.message, { _: catalogue.message }),
          })}
        </Alert>
      )}
      {/* Always there while "Valda uppdrag" is, so that nothing is sent before the catalogue is. */}
      <CheckboxGroupInput
        source="assignmentIds"
        choices={assignments}
        optionText="name"
        row={false}
        validate={validate}
        helperText={
          catalogue.state === 'none'
            ? 'beh.delegations.chooseUnitFirst'
            : unit && assignments.length === 0
              ? 'beh.delegations.emptyCatalogue'
              : undefined
        }
      />
    </>
  );
};

const AssignmentChoice = ({ onCatalogue }: { onCatalogue: CatalogueSeen }) => (
  <FormDataConsumer<DelegationFormValues>>
    {({ formData }) => (
      <UnitAssignments
        careUnitId={formData.careUnitId ? String(formData.careUnitId) : undefined}
        chosen={formData.scope === 'CHOSEN'}
        onCatalogue={onCatalogue}
      />
    )}
  </FormDataConsumer>
);

/**
 * The unit: a select of them when they are few (a head's units; the only one chosen already), else
 * a search of the server's list as the user types (an administrator: every unit of the region).
 */
const UnitInput = ({ units }: { units?: GrantableUnitItem[] }) => {
  const translate = useTranslate();
  if (units)
    return (
      <SelectInput source="careUnitId" choices={units} optionText="name" validate={required()} fullWidth />
    );
  return (
    <ReferenceInput source="careUnitId" reference={GRANTABLE_UNITS} sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        optionText={<UnitOption />}
        inputText={unitInputText}
        matchSuggestion={unitMatches}
        filterToQuery={(q: string) => ({ q })}
        noOptionsText="beh.delegations.noUnitFound"
        loadingText={translate('ra.page.loading')}
        validate={required()}
        helperText="beh.delegations.unitHint"
        fullWidth
      />
    </ReferenceInput>
  );
};

/**
 * The verksamhet, shown as "Område / Verksamhet": a select of them when they are few (a head's),
 * else a search of the server's list as the user types (an administrator: every verksamhet).
 */
const OperationInput = ({ operations }: { operations?: GrantableOperationItem[] }) => {
  const translate = useTranslate();
  const text = useOperationTexts();
  const label = text('resources.delegations.fields.accessOperationId');
  const choices = useMemo(
    () => operations?.map((o) => ({ id: String(o.id), name: operationLabel(o) })),
    [operations],
  );
  if (choices)
    return (
      <SelectInput
        source="accessOperationId"
        label={label}
        choices={choices}
        optionText="name"
        validate={required()}
        fullWidth
      />
    );
  return (
    <ReferenceInput
      source="accessOperationId"
      reference={GRANTABLE_OPERATIONS}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <AutocompleteInput
        label={label}
        optionText={<OperationOption />}
        inputText={operationInputText}
        matchSuggestion={operationMatches}
        filterToQuery={(q: string) => ({ q })}
        noOptionsText={text('beh.delegations.noOperationFound')}
        loadingText={translate('ra.page.loading')}
        validate={required()}
        helperText={text('beh.delegations.operationHint')}
        fullWidth
      />
    </ReferenceInput>
  );
};

/** A verksamhet's delegation covers all of it: no choice of assignments, only a word that says so. */
const OperationScope = () => {
  const text = useOperationTexts();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
      {text('beh.delegations.operationScope')}
    </Typography>
  );
};

/** "Delegering för": Vårdenhet or Verksamhet, for a user who may delegate for both. */
const TargetChoice = ({ targets }: { targets: readonly DelegationTargetKind[] }) => {
  const text = useOperationTexts();
  const choices = targets.map((id) => ({ id, name: text(`beh.delegations.target.${id}`) }));
  return (
    <RadioButtonGroupInput
      source="target"
      label={text('resources.delegations.fields.target')}
      choices={choices}
      translateChoice={false}
      helperText={text('beh.delegations.targetHint')}
    />
  );
};

/**
 * Who gets which rights, where, and for how long: for a care unit or for a verksamhet (`targets`:
 * what the user may delegate for, the first chosen at the start). `units` / `operations`: all
 * those the user may delegate for when they are few; undefined when there are too many to list
 * (then the picker searches).
 */
export const DelegationInputs = ({
  units,
  operations,
  targets = ['UNIT'],
  onCatalogue,
}: {
  units?: GrantableUnitItem[];
  operations?: GrantableOperationItem[];
  targets?: readonly DelegationTargetKind[];
  onCatalogue: CatalogueSeen;
}) => {
  const defaults: DelegationFormValues = {
    target: targets[0] ?? 'UNIT',
    careUnitId: units?.length === 1 ? String(units[0].id) : undefined,
    accessOperationId: operations?.length === 1 ? String(operations[0].id) : undefined,
    scope: 'UNIT',
    rights: [],
    assignmentIds: [],
    validFrom: todayInStockholm(),
    validTo: null,
  };
  return (
    <SimpleForm defaultValues={defaults} sx={{ maxWidth: 640 }}>
      <Section title="beh.delegations.sections.who" />
      {targets.length > 1 && <TargetChoice targets={targets} />}
      <FormDataConsumer<DelegationFormValues>>
        {({ formData }) =>
          formData.target === 'OPERATION' ? (
            <OperationInput operations={operations} />
          ) : (
            <UnitInput units={units} />
          )
        }
      </FormDataConsumer>
      <ReferenceInput source="delegateId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
        <AutocompleteInput
          optionText={<PersonOption />}
          inputText={personInputText}
          matchSuggestion={personMatches}
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
          helperText="beh.delegations.delegateHint"
          fullWidth
        />
      </ReferenceInput>
      <Section title="beh.delegations.sections.what" />
      <CheckboxGroupInput source="rights" choices={rightChoices} validate={required()} />
      <FormDataConsumer<DelegationFormValues>>
        {({ formData }) =>
          formData.target === 'OPERATION' ? (
            <OperationScope />
          ) : (
            <>
              <RadioButtonGroupInput source="scope" choices={scopeChoices} />
              <AssignmentChoice onCatalogue={onCatalogue} />
            </>
          )
        }
      </FormDataConsumer>
      <Section title="beh.delegations.sections.when" />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <IsoDateInput source="validFrom" validate={[required(), notBeforeToday]} sx={{ width: 240 }} />
        <IsoDateInput
          source="validTo"
          validate={notBeforeValidFrom}
          helperText="beh.delegations.validToHint"
          sx={{ width: 240 }}
        />
      </Box>
    </SimpleForm>
  );
};
