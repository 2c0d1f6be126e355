import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { Administration } from '../types';
import { ADMINISTRATION_WRITABLE, AdministrationInputs } from './AdministrationInputs';

export default function AdministrationCreate() {
  return (
    <Create<Administration>
      title="beh.create.administrations"
      redirect="list"
      transform={pickWritable<Administration>(ADMINISTRATION_WRITABLE)}
    >
      <SimpleForm>
        <AdministrationInputs />
      </SimpleForm>
    </Create>
  );
}
