import { Create, SimpleForm } from 'react-admin';
import type { AccessOperation } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { ACCESS_OPERATION_WRITABLE, AccessOperationInputs } from './AccessOperationInputs';

export default function AccessOperationCreate() {
  return (
    <Create<AccessOperation>
      title="beh.create.access-operations"
      redirect="list"
      transform={pickWritable<AccessOperation>(ACCESS_OPERATION_WRITABLE)}
    >
      <SimpleForm defaultValues={{ description: '' }}>
        <AccessOperationInputs />
      </SimpleForm>
    </Create>
  );
}
