import { AutocompleteInput, ReferenceInput, SelectInput, TextInput } from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import { orderTypeChoices } from '../orders/choices';

/** Ordernummer or end user always; slutanvändare, beställare, vårdenhet, typ, VMU or access and dates on demand. */
export const queueFilters = [
  <TextInput
    key="q"
    source="q"
    label="beh.attest.filter.q"
    helperText="beh.attest.filter.qHint"
    alwaysOn
    resettable
    sx={{ minWidth: 260 }}
  />,
  <TextInput
    key="endUser"
    source="endUser"
    label="beh.attest.filter.endUser"
    helperText="beh.orders.personFilterHint"
  />,
  <TextInput
    key="orderer"
    source="orderer"
    label="beh.attest.filter.orderer"
    helperText="beh.orders.personFilterHint"
  />,
  <ReferenceInput
    key="careUnitId"
    source="careUnitId"
    reference="care-units"
    label="beh.attest.filter.careUnitId"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput
      label="beh.attest.filter.careUnitId"
      optionText="name"
      filterToQuery={(q: string) => ({ q })}
      sx={{ minWidth: 280 }}
    />
  </ReferenceInput>,
  <SelectInput key="type" source="type" label="beh.attest.filter.type" choices={orderTypeChoices} />,
  <SelectInput
    key="kind"
    source="kind"
    label="beh.attest.filter.kind"
    choices={[
      { id: 'VMU', name: 'beh.attest.kind.VMU' },
      { id: 'ACCESS', name: 'beh.attest.kind.ACCESS' },
    ]}
  />,
  <IsoDateInput key="from" source="from" label="beh.attest.filter.from" />,
  <IsoDateInput key="to" source="to" label="beh.attest.filter.to" />,
  <IsoDateInput key="startFrom" source="startFrom" label="beh.attest.filter.startFrom" />,
  <IsoDateInput key="startTo" source="startTo" label="beh.attest.filter.startTo" />,
];
