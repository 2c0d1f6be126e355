import { Create, SimpleForm } from 'react-admin';
import type { AccessArea } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { ACCESS_AREA_WRITABLE, AccessAreaInputs } from './AccessAreaInputs';

export default function AccessAreaCreate() {
  return (
    <Create<AccessArea>
      title="beh.create.access-areas"
      redirect="list"
      transform={pickWritable<AccessArea>(ACCESS_AREA_WRITABLE)}
    >
      <SimpleForm defaultValues={{ description: '' }}>
        <AccessAreaInputs />
      </SimpleForm>
    </Create>
  );
}
