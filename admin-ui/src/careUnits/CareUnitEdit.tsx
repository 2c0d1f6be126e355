import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { CareUnit } from '../types';
import { CARE_UNIT_WRITABLE, CareUnitInputs } from './CareUnitInputs';

export default function CareUnitEdit() {
  return (
    <Edit<CareUnit> mutationMode="pessimistic" transform={pickWritable<CareUnit>(CARE_UNIT_WRITABLE)}>
      <SimpleForm>
        <CareUnitInputs />
      </SimpleForm>
    </Edit>
  );
}
