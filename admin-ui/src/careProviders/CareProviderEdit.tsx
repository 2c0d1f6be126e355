import { Edit, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { CareProvider } from '../types';
import { CARE_PROVIDER_WRITABLE, CareProviderInputs } from './CareProviderInputs';

export default function CareProviderEdit() {
  return (
    <Edit<CareProvider>
      mutationMode="pessimistic"
      transform={pickWritable<CareProvider>(CARE_PROVIDER_WRITABLE)}
    >
      <SimpleForm>
        <CareProviderInputs />
      </SimpleForm>
    </Edit>
  );
}
