import { Edit, SimpleForm } from 'react-admin';
import type { SystemRole } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { SYSTEM_ROLE_WRITABLE, SystemRoleInputs } from './SystemRoleInputs';

export default function SystemRoleEdit() {
  return (
    <Edit<SystemRole> mutationMode="pessimistic" transform={pickWritable<SystemRole>(SYSTEM_ROLE_WRITABLE)}>
      <SimpleForm>
        <SystemRoleInputs />
      </SimpleForm>
    </Edit>
  );
}
