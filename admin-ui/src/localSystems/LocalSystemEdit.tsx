import { Edit, SimpleForm } from 'react-admin';
import type { LocalSystem } from '../accessCatalogue/types';
import { LocalSystemInputs, localSystemWritable } from './LocalSystemInputs';

export default function LocalSystemEdit() {
  return (
    <Edit<LocalSystem> mutationMode="pessimistic" transform={localSystemWritable}>
      <SimpleForm>
        <LocalSystemInputs />
      </SimpleForm>
    </Edit>
  );
}
