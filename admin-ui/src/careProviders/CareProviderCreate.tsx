import { Create, SimpleForm } from 'react-admin';
import { pickWritable } from '../common/pickWritable';
import type { CareProvider } from '../types';
import { CARE_PROVIDER_WRITABLE, CareProviderInputs } from './CareProviderInputs';

export default function CareProviderCreate() {
  return (
    <Create<CareProvider>
      title="beh.create.care-providers"
      redirect="list"
      transform={pickWritable<CareProvider>(CARE_PROVIDER_WRITABLE)}
    >
      <SimpleForm>
        <CareProviderInputs />
      </SimpleForm>
    </Create>
  );
}
