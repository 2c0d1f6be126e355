import { AutocompleteInput, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import { ListPagination } from '../common/ListPagination';
import { ServerExportActions } from '../common/ServerExport';
import { TimestampField } from '../outbox/fields';
import { AccessActionField, LookedUpField, PurposeField, ReaderField, SubjectField } from './fields';
import { ACCESS_PURPOSES, type PersonAccessLogItem } from './types';

const Column = DataTable.Col<PersonAccessLogItem>;

const purposeChoices = ACCESS_PURPOSES.map((id) => ({ id, name: `beh.personAccess.purpose.${id}` }));

const personPicker = (source: string) => (
  <ReferenceInput
    key={source}
    source={source}
    reference="persons"
    sort={{ field: 'lastName', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput
      optionText={(p: { firstName: string; lastName: string; userId: string }) =>
        `${p.firstName} ${p.lastName} (${p.userId})`
      }
      filterToQuery={(q: string) => ({ q })}
    />
  </ReferenceInput>
);

const filters = [
  personPicker('personId'),
  personPicker('userId'),
  <SelectInput key="purpose" source="purpose" choices={purposeChoices} />,
  <IsoDateInput key="from" source="from" />,
  <IsoDateInput key="to" source="to" />,
];

/**
 * "Uppslagslogg" for administrators: every person lookup and every opening of a person's page,
 * newest first, by person (Person) and by user (Användare); exported whole by the server.
 */
export default function PersonAccessLogList() {
  return (
    <List<PersonAccessLogItem>
      pagination={<ListPagination />}
      sort={{ field: 'at', order: 'DESC' }}
      filters={filters}
      actions={<ServerExportActions />}
      exporter={false}
      perPage={25}
    >
      <DataTable<PersonAccessLogItem> rowClick={false} bulkActionButtons={false}>
        <Column source="at">
          <TimestampField source="at" />
        </Column>
        <Column source="actorName" disableSort>
          <ReaderField />
        </Column>
        <Column source="personName" disableSort>
          <SubjectField />
        </Column>
        <Column source="action" disableSort>
          <AccessActionField />
        </Column>
        <Column source="lookedUp" disableSort>
          <LookedUpField />
        </Column>
        <Column source="purpose" disableSort>
          <PurposeField />
        </Column>
      </DataTable>
    </List>
  );
}
