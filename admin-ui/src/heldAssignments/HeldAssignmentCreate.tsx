import { Create, SimpleForm } from 'react-admin';
import { backToPerson } from '../common/backToPerson';
import { todayInStockholm } from '../common/dates';
import { pickWritable } from '../common/pickWritable';
import type { HeldAssignment } from '../types';
import { HELD_ASSIGNMENT_WRITABLE, HeldAssignmentInputs } from './HeldAssignmentInputs';

/** Opened from a person's page with `personId` prefilled (CreateButton state). */
export default function HeldAssignmentCreate() {
  return (
    <Create<HeldAssignment>
      title="beh.create.held-assignments"
      redirect={backToPerson}
      transform={pickWritable<HeldAssignment>(HELD_ASSIGNMENT_WRITABLE)}
    >
      <SimpleForm defaultValues={{ validFrom: todayInStockholm() }}>
        <HeldAssignmentInputs />
      </SimpleForm>
    </Create>
  );
}
