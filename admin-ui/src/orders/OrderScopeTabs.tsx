import { Tab, Tabs } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { ORDER_SCOPES } from './choices';
import type { OrderScope } from './types';

/** "Mina beställningar" / "Alla beställningar": the scope of the list, kept in its filter. */
export const OrderScopeTabs = () => {
  const translate = useTranslate();
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const scope: OrderScope = ORDER_SCOPES.find((value) => value === filterValues.scope) ?? 'mine';
  return (
    <Tabs
      value={scope}
      onChange={(_, value: OrderScope) => setFilters({ ...filterValues, scope: value }, displayedFilters)}
      aria-label={translate('beh.orders.scopeLabel')}
      sx={{ px: 2, borderBottom: 1, borderColor: 'divider' }}
    >
      {ORDER_SCOPES.map((value) => (
        <Tab key={value} value={value} label={translate(`beh.orders.scope.${value}`)} />
      ))}
    </Tabs>
  );
};
