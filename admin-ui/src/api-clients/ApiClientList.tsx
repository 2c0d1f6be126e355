import { CreateButton, DataTable, List, SelectInput, TextField, TopToolbar } from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { TimestampField } from '../outbox/fields';
import { ApiClientScopesField, ApiClientStatusField } from './fields';
import { RevokeApiClientButton } from './RevokeApiClientButton';
import { API_CLIENT_STATUSES, type ApiClient } from './types';

const Column = DataTable.Col<ApiClient>;

const statusChoices = API_CLIENT_STATUSES.map((id) => ({ id, name: `beh.apiClients.status.${id}` }));

const filters = [
  <SearchFilter key="q" source="q" hint="beh.apiClients.searchHint" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

/** "API-klienter" for administrators: who may call the API with a token, for what, until when. */
export default function ApiClientList() {
  return (
    <List<ApiClient>
      pagination={<ListPagination />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={filters}
      actions={<Actions />}
      exporter={false}
      perPage={25}
    >
      <DataTable<ApiClient> rowClick={false} bulkActionButtons={false}>
        <Column source="name" field={TextField} />
        <Column source="scopes" disableSort>
          <ApiClientScopesField />
        </Column>
        <Column source="expiresOn" field={TextField} />
        <Column source="status" disableSort>
          <ApiClientStatusField />
        </Column>
        <Column source="lastUsedAt">
          <TimestampField source="lastUsedAt" />
        </Column>
        <Column source="createdAt">
          <TimestampField source="createdAt" />
        </Column>
        <Column label="beh.apiClients.actions" disableSort>
          <RevokeApiClientButton />
        </Column>
      </DataTable>
    </List>
  );
}
