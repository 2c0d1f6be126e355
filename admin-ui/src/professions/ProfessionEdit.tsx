import { Edit, SimpleForm } from 'react-admin';
import type { Profession } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { PROFESSION_WRITABLE, ProfessionInputs } from './ProfessionInputs';

export default function ProfessionEdit() {
  return (
    <Edit<Profession> mutationMode="pessimistic" transform={pickWritable<Profession>(PROFESSION_WRITABLE)}>
      <SimpleForm>
        <ProfessionInputs />
      </SimpleForm>
    </Edit>
  );
}
