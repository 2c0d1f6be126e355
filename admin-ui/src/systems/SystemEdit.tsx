import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { SystemGuideEntry } from '../types';
import { SYSTEM_WRITABLE, SystemInputs } from './SystemInputs';

export default function SystemEdit() {
  return (
    <Edit<SystemGuideEntry>
      mutationMode="pessimistic"
      transform={pickWritable<SystemGuideEntry>(SYSTEM_WRITABLE)}
    >
      <SimpleForm>
        <SystemInputs />
      </SimpleForm>
    </Edit>
  );
}
