import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { Assignment } from '../types';
import { ASSIGNMENT_WRITABLE, AssignmentInputs } from './AssignmentInputs';

export default function AssignmentCreate() {
  return (
    <Create<Assignment>
      title="beh.create.assignments"
      redirect="list"
      transform={pickWritable<Assignment>(ASSIGNMENT_WRITABLE)}
    >
      <SimpleForm defaultValues={{ kind: 'SPECIAL', privateProviderOnly: false, requiresLocalAccess: false }}>
        <AssignmentInputs />
      </SimpleForm>
    </Create>
  );
}
