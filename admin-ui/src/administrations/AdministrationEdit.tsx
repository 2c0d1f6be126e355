import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { Administration } from '../types';
import { ADMINISTRATION_WRITABLE, AdministrationInputs } from './AdministrationInputs';

export default function AdministrationEdit() {
  return (
    <Edit<Administration>
      mutationMode="pessimistic"
      transform={pickWritable<Administration>(ADMINISTRATION_WRITABLE)}
    >
      <SimpleForm>
        <AdministrationInputs />
      </SimpleForm>
    </Edit>
  );
}
