import { Box, Typography } from '@mui/material';
import {
  AutocompleteInput,
  CheckboxGroupInput,
  DateInput,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  useTranslate,
} from 'react-admin';
import { rightChoices } from './choices';
import { todayInStockholm } from '../common/dates';
import { PersonOption, personInputText, personMatches } from './PersonOption';
import type { GrantableUnit } from './types';
import {
  assignmentsWhenChosen,
  type DelegationFormValues,
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

/** The assignments of the chosen unit, to tick when the delegation covers only some of them. */
const AssignmentChoice = ({ units }: { units: GrantableUnit[] }) => (
  <FormDataConsumer<DelegationFormValues>>
    {({ formData }) => {
      if (formData.scope !== 'CHOSEN') return null;
      const unit = units.find((candidate) => String(candidate.id) === String(formData.careUnitId));
      return (
        <CheckboxGroupInput
          source="assignmentIds"
          choices={unit?.assignments ?? []}
          optionText="name"
          row={false}
          validate={assignmentsWhenChosen}
          helperText={unit ? undefined : 'beh.delegations.chooseUnitFirst'}
        />
      );
    }}
  </FormDataConsumer>
);

/** Who gets which rights, where, and for how long. */
export const DelegationInputs = ({ units }: { units: GrantableUnit[] }) => {
  const defaults: DelegationFormValues = {
    careUnitId: units.length === 1 ? String(units[0].id) : undefined,
    scope: 'UNIT',
    rights: [],
    assignmentIds: [],
    validFrom: todayInStockholm(),
    validTo: null,
  };
  return (
    <SimpleForm defaultValues={defaults} sx={{ maxWidth: 640 }}>
      <Section title="beh.delegations.sections.who" />
      <SelectInput source="careUnitId" choices={units} optionText="name" validate={required()} fullWidth />
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
      <RadioButtonGroupInput source="scope" choices={scopeChoices} />
      <AssignmentChoice units={units} />
      <Section title="beh.delegations.sections.when" />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <DateInput source="validFrom" validate={[required(), notBeforeToday]} sx={{ width: 240 }} />
        <DateInput
          source="validTo"
          validate={notBeforeValidFrom}
          helperText="beh.delegations.validToHint"
          sx={{ width: 240 }}
        />
      </Box>
    </SimpleForm>
  );
};
