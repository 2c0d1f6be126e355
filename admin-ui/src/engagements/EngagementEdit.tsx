import { Edit, SimpleForm } from 'react-admin';
import { PersonFormToolbar } from '../common/PersonFormToolbar';
import { pickWritable } from '../common/pickWritable';
import { backToPerson } from '../common/backToPerson';
import type { Engagement } from '../types';
import { ENGAGEMENT_WRITABLE, EngagementInputs } from './EngagementInputs';

export default function EngagementEdit() {
  return (
    <Edit<Engagement>
      mutationMode="pessimistic"
      redirect={backToPerson}
      transform={pickWritable<Engagement>(ENGAGEMENT_WRITABLE)}
    >
      <SimpleForm toolbar={<PersonFormToolbar />}>
        <EngagementInputs />
      </SimpleForm>
    </Edit>
  );
}
