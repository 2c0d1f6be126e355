import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { PersonDetail } from '../types';
import { PERSON_WRITABLE, PersonInputs } from './PersonInputs';
import { purposeMeta } from './purpose';
import { onRecordLoadError } from '../common/loadFailure';

// Pessimistic, so that the server's field errors (e.g. a wrong check digit) land on the form.
export default function PersonEdit() {
  return (
    <Edit<PersonDetail>
      mutationMode="pessimistic"
      redirect="show"
      transform={pickWritable<PersonDetail>(PERSON_WRITABLE)}
      queryOptions={{ meta: purposeMeta('person-edit'), onError: onRecordLoadError }}
    >
      <SimpleForm>
        <PersonInputs />
      </SimpleForm>
    </Edit>
  );
}
