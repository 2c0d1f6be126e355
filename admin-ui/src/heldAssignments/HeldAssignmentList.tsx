import { BooleanField, DataTable, List, TextField } from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import type { HeldAssignment } from '../types';

const Column = DataTable.Col<HeldAssignment>;

/**
 * "Innehavda uppdrag": who holds which assignment in the whole region, read only (auditors; an
 * administrator sees the same on each person's page). A holding changes only when an attested
 * order is carried out, so there is nothing to create, edit or delete here.
 */
export default function HeldAssignmentList() {
  return (
    <List<HeldAssignment>
      pagination={<ListPagination />}
      sort={{ field: 'validFrom', order: 'DESC' }}
      exporter={false}
      actions={false}
      perPage={25}
    >
      <DataTable<HeldAssignment> rowClick={false} bulkActionButtons={false}>
        <Column source="personName" disableSort />
        <Column source="assignmentName" />
        <Column source="careUnitName" />
        <Column source="validFrom" field={TextField} />
        <Column source="validTo">
          <TextField source="validTo" emptyText="beh.untilFurtherNotice" />
        </Column>
        <Column source="active" disableSort field={BooleanField} />
      </DataTable>
    </List>
  );
}
