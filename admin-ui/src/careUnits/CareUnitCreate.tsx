import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { CareUnit } from '../types';
import { CARE_UNIT_WRITABLE, CareUnitInputs } from './CareUnitInputs';

export default function CareUnitCreate() {
  return (
    <Create<CareUnit>
      title="beh.create.care-units"
      redirect="list"
      transform={pickWritable<CareUnit>(CARE_UNIT_WRITABLE)}
    >
      <SimpleForm>
        <CareUnitInputs />
      </SimpleForm>
    </Create>
  );
}
