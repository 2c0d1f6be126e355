import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import { ASSIGNMENT_WRITABLE, AssignmentInputs, type AssignmentRecord } from './AssignmentInputs';

export default function AssignmentCreate() {
  return (
    <Create<AssignmentRecord>
      title="beh.create.assignments"
      redirect="list"
      transform={pickWritable<AssignmentRecord>(ASSIGNMENT_WRITABLE)}
    >
      <SimpleForm defaultValues={{ kind: 'SPECIAL', privateProviderOnly: false, requiresLocalAccess: false }}>
        <AssignmentInputs />
      </SimpleForm>
    </Create>
  );
}
