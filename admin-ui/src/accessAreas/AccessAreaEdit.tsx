import { Edit, SimpleForm } from 'react-admin';
import type { AccessArea } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { ACCESS_AREA_WRITABLE, AccessAreaInputs } from './AccessAreaInputs';

export default function AccessAreaEdit() {
  return (
    <Edit<AccessArea> mutationMode="pessimistic" transform={pickWritable<AccessArea>(ACCESS_AREA_WRITABLE)}>
      <SimpleForm>
        <AccessAreaInputs />
      </SimpleForm>
    </Edit>
  );
}
