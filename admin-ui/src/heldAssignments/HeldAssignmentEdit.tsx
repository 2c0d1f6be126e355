import { Edit, SimpleForm } from 'react-admin';
import { backToPerson } from '../common/backToPerson';
import { PersonFormToolbar } from '../common/PersonFormToolbar';
import { pickWritable } from '../common/pickWritable';
import type { HeldAssignment } from '../types';
import { HELD_ASSIGNMENT_WRITABLE, HeldAssignmentInputs } from './HeldAssignmentInputs';

export default function HeldAssignmentEdit() {
  return (
    <Edit<HeldAssignment>
      mutationMode="pessimistic"
      redirect={backToPerson}
      transform={pickWritable<HeldAssignment>(HELD_ASSIGNMENT_WRITABLE)}
    >
      <SimpleForm toolbar={<PersonFormToolbar />}>
        <HeldAssignmentInputs />
      </SimpleForm>
    </Edit>
  );
}
