import { Edit, SimpleForm } from 'react-admin';
import type { AccessOperation } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { ACCESS_OPERATION_WRITABLE, AccessOperationInputs } from './AccessOperationInputs';

export default function AccessOperationEdit() {
  return (
    <Edit<AccessOperation>
      mutationMode="pessimistic"
      transform={pickWritable<AccessOperation>(ACCESS_OPERATION_WRITABLE)}
    >
      <SimpleForm>
        <AccessOperationInputs />
      </SimpleForm>
    </Edit>
  );
}
