import { DataTable, List, TextField, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { ORDER_SCOPES } from './choices';
import { FeedbackField, OrderedAtField, OrderPersonField, OrderStatusField, OrderTypeField } from './fields';
import { ServerExportButton } from '../common/ServerExport';
import { orderFilters } from './orderFilters';
import { OrderListTotals } from './OrderListTotals';
import { OrderScopeTabs } from './OrderScopeTabs';
import { SearchOptionsButton } from './SearchOptionsButton';
import type { Order } from './types';
import { ListPagination } from '../common/ListPagination';

const Column = DataTable.Col<Order>;

const OrderListActions = () => (
  <TopToolbar>
    <SearchOptionsButton />
    <ServerExportButton />
  </TopToolbar>
);

/** "Mina tidigare beställningar" or "Alla beställningar", after the scope in the filter. */
const OrderListTitle = () => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const scope = ORDER_SCOPES.find((value) => value === filterValues.scope) ?? 'mine';
  return <>{translate(`beh.orders.listTitle.${scope}`)}</>;
};

/** The order history: newest first, opened by a click on the row. */
export default function OrderList() {
  return (
    <List<Order>
      title={<OrderListTitle />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filterDefaultValues={{ scope: 'mine' }}
      filters={orderFilters}
      actions={<OrderListActions />}
      exporter={false}
      perPage={15}
      pagination={<ListPagination rowsPerPageOptions={[15, 25, 50]} />}
    >
      <OrderScopeTabs />
      <OrderListTotals />
      <DataTable<Order> rowClick="show" bulkActionButtons={false}>
        <Column source="createdAt">
          <OrderedAtField />
        </Column>
        <Column source="orderNumber" field={TextField} />
        <Column source="ordererName">
          <OrderPersonField role="orderer" />
        </Column>
        <Column source="endUserName">
          <OrderPersonField role="endUser" />
        </Column>
        <Column source="status">
          <OrderStatusField />
        </Column>
        <Column source="type">
          <OrderTypeField />
        </Column>
        <Column source="feedback" disableSort>
          <FeedbackField />
        </Column>
      </DataTable>
    </List>
  );
}
