import { Box, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { delegationFilters } from './delegationFilters';
import { GrantorChangedDelegations } from './GrantorChangedDelegations';
import {
  AssignmentsField,
  DelegateField,
  DelegationStatusField,
  RightsField,
  TargetField,
  ValidToField,
} from './fields';
import type { Delegation } from './types';
import { ListPagination } from '../common/ListPagination';
import { useOperationTexts } from './useOperationTexts';

const Column = DataTable.Col<Delegation>;

const DelegationListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

/** "Sök befintlig delegering": the search fields below get a heading of their own, as in the seed. */
const SearchHeading = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="h6" component="h2" id="delegation-search-heading">
        {translate('beh.words.delegations.searchHeading')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('beh.words.delegations.searchLead')}
      </Typography>
    </Box>
  );
};

/** "Visa/hantera delegeringar": what the server lets this user see, newest start first. */
export default function DelegationList() {
  const text = useOperationTexts();
  return (
    <>
      <GrantorChangedDelegations />
      <SearchHeading />
      <List<Delegation>
        pagination={<ListPagination />}
        sort={{ field: 'validFrom', order: 'DESC' }}
        filters={delegationFilters(text)}
        actions={<DelegationListActions />}
        exporter={false}
        perPage={25}
      >
        <DataTable<Delegation> rowClick="show" bulkActionButtons={false}>
          <Column source="delegateName">
            <DelegateField />
          </Column>
          {/* The care unit, or the verksamhet ("Område / Verksamhet") where the unit would be. */}
          <Column source="careUnitName" label={text('resources.delegations.fields.unitOrOperation')}>
            <TargetField />
          </Column>
          <Column source="rights" disableSort>
            <RightsField />
          </Column>
          <Column source="assignmentNames" disableSort>
            <AssignmentsField />
          </Column>
          <Column source="validFrom" field={TextField} />
          <Column source="validTo">
            <ValidToField />
          </Column>
          <Column source="status" disableSort>
            <DelegationStatusField />
          </Column>
          <Column source="grantorName" disableSort />
        </DataTable>
      </List>
    </>
  );
}
