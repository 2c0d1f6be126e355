import { Create, SimpleForm } from 'react-admin';
import type { AccessTemplate } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { ACCESS_TEMPLATE_WRITABLE, AccessTemplateInputs } from './AccessTemplateInputs';

export default function AccessTemplateCreate() {
  return (
    <Create<AccessTemplate>
      title="beh.create.access-templates"
      redirect="list"
      transform={pickWritable<AccessTemplate>(ACCESS_TEMPLATE_WRITABLE)}
    >
      <SimpleForm defaultValues={{ description: '', active: true, roleIds: [], professionIds: [] }}>
        <AccessTemplateInputs />
      </SimpleForm>
    </Create>
  );
}
