import {
  DataTable,
  DateField,
  List,
  NullableBooleanInput,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { FulfilmentCounts } from './FulfilmentCounts';
import { PartStatusField, TemplateField, UrgentField } from './fields';
import type { FulfilmentItem } from './types';

const Column = DataTable.Col<FulfilmentItem>;

const useStatusChoices = () => {
  const translate = useTranslate();
  return (['PENDING', 'DONE', 'REFUSED'] as const).map((id) => ({
    id,
    name: translate(`beh.fulfilment.status.${id}`),
  }));
};

/**
 * "Att utföra": the work items of the systems the user administers (administrators see every
 * system's, read only), waiting ones first by default, with counts per system above.
 */
export default function FulfilmentList() {
  const statusChoices = useStatusChoices();
  const filters = [
    <SearchFilter key="q" source="q" alwaysOn hint="beh.fulfilment.searchHint" />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
    <NullableBooleanInput key="urgent" source="urgent" />,
  ];
  return (
    <List<FulfilmentItem>
      title="beh.fulfilment.title"
      pagination={<ListPagination />}
      sort={{ field: 'createdAt', order: 'ASC' }}
      filters={filters}
      filterDefaultValues={{ status: 'PENDING' }}
      exporter={false}
      perPage={25}
    >
      <FulfilmentCounts />
      <DataTable<FulfilmentItem> rowClick="show" bulkActionButtons={false}>
        <Column source="urgent" field={UrgentField} />
        <Column source="systemName" />
        <Column source="orderNumber" />
        <Column source="endUserName" disableSort>
          <TextField source="endUserName" /> (<TextField source="endUserUserId" />)
        </Column>
        <Column source="templateName" field={TemplateField} disableSort />
        <Column source="professionName" disableSort />
        <Column source="startDate" />
        <Column source="status" field={PartStatusField} />
        <Column source="createdAt">
          <DateField source="createdAt" showTime />
        </Column>
      </DataTable>
    </List>
  );
}
