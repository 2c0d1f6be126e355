import { DialogActions, DialogContent } from '@mui/material';
import {
  Button,
  CheckboxGroupInput,
  Form,
  FormDataConsumer,
  RadioButtonGroupInput,
  required,
  SaveButton,
  useGetList,
} from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import type { Assignment } from '../types';
import { rightChoices } from './choices';
import { isForOperation } from './fields';
import { limitDefaults, type LimitFormValues, notAfterCurrentEnd } from './limit';
import type { Delegation } from './types';
import { notBeforeToday, notBeforeValidFrom } from './validation';

const scopeChoices = [
  { id: 'UNIT', name: 'beh.delegations.scope.UNIT' },
  { id: 'CHOSEN', name: 'beh.delegations.scope.CHOSEN' },
];

const atLeastOne = (value: string[] | undefined, values: LimitFormValues) =>
  values.scope === 'CHOSEN' && (!value || value.length === 0)
    ? 'beh.delegations.validation.chooseAssignments'
    : undefined;

/** Which assignments may remain: those already listed, or, for a whole-unit delegation, the unit's catalogue. */
const AssignmentLimit = ({ delegation }: { delegation: Delegation }) => {
  const wholeUnit = delegation.assignmentIds.length === 0;
  const { data: catalogue = [] } = useGetList<Assignment>(
    'assignments',
    {
      filter: { careUnitId: delegation.careUnitId },
      pagination: { page: 1, perPage: 200 },
      sort: { field: 'name', order: 'ASC' },
    },
    { enabled: wholeUnit },
  );
  const listed = delegation.assignmentIds.map((id, index) => ({
    id: String(id),
    name: delegation.assignmentNames[index] ?? String(id),
  }));
  return (
    <>
      {wholeUnit && <RadioButtonGroupInput source="scope" choices={scopeChoices} />}
      <FormDataConsumer<LimitFormValues>>
        {({ formData }) =>
          formData.scope === 'CHOSEN' && (
            <CheckboxGroupInput
              source="assignmentIds"
              choices={wholeUnit ? catalogue.map(({ id, name }) => ({ id: String(id), name })) : listed}
              row={false}
              validate={atLeastOne}
            />
          )
        }
      </FormDataConsumer>
    </>
  );
};

interface LimitDelegationFormProps {
  delegation: Delegation;
  onSubmit: (values: LimitFormValues) => Promise<Record<string, string> | undefined>;
  onCancel: () => void;
}

/** Earlier end date, fewer rights, fewer assignments: the choices offered can only narrow the delegation. */
export const LimitDelegationForm = ({ delegation, onSubmit, onCancel }: LimitDelegationFormProps) => {
  const currentRights = rightChoices.filter((choice) => delegation.rights.includes(choice.id));
  return (
    <Form
      // The app's own messages at the fields, not the browser's English bubbles.
      noValidate
      defaultValues={limitDefaults(delegation)}
      onSubmit={(values: Partial<LimitFormValues>) => onSubmit({ ...limitDefaults(delegation), ...values })}
    >
      <DialogContent>
        <IsoDateInput
          source="validTo"
          validate={[notBeforeToday, notBeforeValidFrom, notAfterCurrentEnd(delegation)]}
          helperText="beh.delegations.limitDialog.validToHint"
        />
        <CheckboxGroupInput source="rights" choices={currentRights} validate={required()} />
        {/* A verksamhet's delegation covers all of it: there are no assignments to narrow. */}
        {!isForOperation(delegation) && <AssignmentLimit delegation={delegation} />}
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={onCancel} />
        <SaveButton label="beh.delegations.actions.limit" />
      </DialogActions>
    </Form>
  );
};
