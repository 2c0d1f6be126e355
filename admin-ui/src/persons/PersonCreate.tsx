import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { Person } from '../types';
import { PERSON_WRITABLE, PersonInputs } from './PersonInputs';

export default function PersonCreate() {
  return (
    <Create<Person>
      title="beh.create.persons"
      redirect="show"
      transform={pickWritable<Person>(PERSON_WRITABLE)}
    >
      <SimpleForm defaultValues={{ protectedIdentity: false }}>
        <PersonInputs />
      </SimpleForm>
    </Create>
  );
}
