import { Edit, SimpleForm } from 'react-admin';
import type { AccessTemplate } from '../accessCatalogue/types';
import { pickWritable } from '../common/pickWritable';
import { ACCESS_TEMPLATE_WRITABLE, AccessTemplateInputs } from './AccessTemplateInputs';

export default function AccessTemplateEdit() {
  return (
    <Edit<AccessTemplate>
      mutationMode="pessimistic"
      transform={pickWritable<AccessTemplate>(ACCESS_TEMPLATE_WRITABLE)}
    >
      <SimpleForm>
        <AccessTemplateInputs />
      </SimpleForm>
    </Edit>
  );
}
