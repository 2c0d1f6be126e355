import { Typography } from '@mui/material';
import {
  DataTable,
  List,
  Loading,
  TextField,
  TopToolbar,
  useListContext,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Me } from '../auth/types';
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
  const title = translate(`beh.orders.listTitle.${scope}`);
  // The start page's tile for local and regional systems lists only access orders (issue 14).
  const kind = filterValues.kind === 'ACCESS' || filterValues.kind === 'VMU' ? filterValues.kind : null;
  return <>{kind ? `${title} – ${translate(`beh.orders.kind.${kind}`)}` : title}</>;
};

/** What the seed's word "Avslutad" means, said once under the list that shows it. */
const CompletedNote = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }}>
      {translate('beh.words.completed.listNote')}
    </Typography>
  );
};

/**
 * The order history: newest first, opened by a click on the row. Administrators look after every
 * unit's orders and auditors read them, so both open on "Alla beställningar"; everyone else on their own.
 */
export default function OrderList() {
  const { permissions: me, isPending } = usePermissions<Me>();
  if (isPending) return <Loading />;
  return (
    <List<Order>
      title={<OrderListTitle />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filterDefaultValues={{ scope: me?.roles.administrator || me?.roles.auditor ? 'all' : 'mine' }}
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
      <CompletedNote />
    </List>
  );
}
