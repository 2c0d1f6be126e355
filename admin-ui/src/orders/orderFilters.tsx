import { AutocompleteInput, DateInput, ReferenceInput, SelectInput, TextInput } from 'react-admin';
import { orderStatusChoices, orderTypeChoices } from './choices';

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
  <SelectInput key="type" source="type" choices={orderTypeChoices} />,
  <ReferenceInput
    key="careUnitId"
    source="careUnitId"
    reference="care-units"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <DateInput key="from" source="from" />,
  <DateInput key="to" source="to" />,
];
