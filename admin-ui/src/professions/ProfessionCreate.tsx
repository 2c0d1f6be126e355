import { Create, SimpleForm } from 'react-admin';
import type { Profession } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { PROFESSION_WRITABLE, ProfessionInputs } from './ProfessionInputs';

export default function ProfessionCreate() {
  return (
    <Create<Profession>
      title="beh.create.professions"
      redirect="list"
      transform={pickWritable<Profession>(PROFESSION_WRITABLE)}
    >
      <SimpleForm>
        <ProfessionInputs />
      </SimpleForm>
    </Create>
  );
}
