import { Create, SimpleForm } from 'react-admin';
import type { SystemRole } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { SYSTEM_ROLE_WRITABLE, SystemRoleInputs } from './SystemRoleInputs';

export default function SystemRoleCreate() {
  return (
    <Create<SystemRole>
      title="beh.create.system-roles"
      redirect="list"
      transform={pickWritable<SystemRole>(SYSTEM_ROLE_WRITABLE)}
    >
      <SimpleForm defaultValues={{ description: '', scimGroup: null }}>
        <SystemRoleInputs />
      </SimpleForm>
    </Create>
  );
}
