import { AutocompleteInput, ReferenceInput, SelectInput, TextInput } from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import { orderStatusChoices, orderTypeFilterChoices } from './choices';

/** "Sökalternativ": order number always; end user, orderer, status, type, unit and dates on demand. */
export const orderFilters = [
  <TextInput key="orderNumber" source="orderNumber" alwaysOn resettable sx={{ minWidth: 200 }} />,
  <TextInput key="endUser" source="endUser" helperText="beh.orders.personFilterHint" />,
  <TextInput key="orderer" source="orderer" helperText="beh.orders.personFilterHint" />,
  <SelectInput
    key="status"
    source="status"
    choices={orderStatusChoices}
    helperText="beh.words.completed.explanation"
  />,
  <SelectInput key="type" source="type" choices={orderTypeFilterChoices} />,
  <ReferenceInput
    key="careUnitId"
    source="careUnitId"
    reference="care-units"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <IsoDateInput key="from" source="from" />,
  <IsoDateInput key="to" source="to" />,
];
