import { Create, SimpleForm } from 'react-admin';
import type { LocalSystem } from '../accessCatalogue/types';
import { LocalSystemInputs, localSystemWritable } from './LocalSystemInputs';

export default function LocalSystemCreate() {
  return (
    <Create<LocalSystem> title="beh.create.local-systems" redirect="list" transform={localSystemWritable}>
      <SimpleForm defaultValues={{ fulfilment: 'MANUAL', active: true, description: '' }}>
        <LocalSystemInputs />
      </SimpleForm>
    </Create>
  );
}
