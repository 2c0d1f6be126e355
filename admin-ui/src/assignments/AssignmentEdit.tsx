import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { Assignment } from '../types';
import { ASSIGNMENT_WRITABLE, AssignmentInputs } from './AssignmentInputs';

export default function AssignmentEdit() {
  return (
    <Edit<Assignment> mutationMode="pessimistic" transform={pickWritable<Assignment>(ASSIGNMENT_WRITABLE)}>
      <SimpleForm>
        <AssignmentInputs />
      </SimpleForm>
    </Edit>
  );
}
