import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import { ASSIGNMENT_WRITABLE, AssignmentInputs, type AssignmentRecord } from './AssignmentInputs';

export default function AssignmentEdit() {
  return (
    <Edit<AssignmentRecord>
      mutationMode="pessimistic"
      transform={pickWritable<AssignmentRecord>(ASSIGNMENT_WRITABLE)}
    >
      <SimpleForm>
        <AssignmentInputs />
      </SimpleForm>
    </Edit>
  );
}
