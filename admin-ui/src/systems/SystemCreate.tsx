import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { SystemGuideEntry } from '../types';
import { SYSTEM_WRITABLE, SystemInputs } from './SystemInputs';

export default function SystemCreate() {
  return (
    <Create<SystemGuideEntry>
      title="beh.create.systems"
      redirect="list"
      transform={pickWritable<SystemGuideEntry>(SYSTEM_WRITABLE)}
    >
      <SimpleForm>
        <SystemInputs />
      </SimpleForm>
    </Create>
  );
}
