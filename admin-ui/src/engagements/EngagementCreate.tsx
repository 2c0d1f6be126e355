import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import { backToPerson } from '../common/backToPerson';
import { todayInStockholm } from '../common/dates';
import type { Engagement } from '../types';
import { ENGAGEMENT_WRITABLE, EngagementInputs } from './EngagementInputs';

/** Opened from a person's page with `personId` prefilled (CreateButton state). */
export default function EngagementCreate() {
  return (
    <Create<Engagement>
      title="beh.create.engagements"
      redirect={backToPerson}
      transform={pickWritable<Engagement>(ENGAGEMENT_WRITABLE)}
    >
      <SimpleForm defaultValues={{ validFrom: todayInStockholm() }}>
        <EngagementInputs />
      </SimpleForm>
    </Create>
  );
}
