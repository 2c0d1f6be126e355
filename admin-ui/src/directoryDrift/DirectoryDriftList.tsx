import { Alert } from '@mui/material';
import {
  BooleanInput,
  DataTable,
  List,
  ReferenceField,
  SelectInput,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { StatusChip } from '../common/StatusChip';
import { TimestampField } from '../outbox/fields';
import { DRIFT_KINDS, type DirectoryDrift } from './types';

const Column = DataTable.Col<DirectoryDrift>;

const kindChoices = DRIFT_KINDS.map((id) => ({ id, name: `beh.directoryDrift.kind.${id}` }));

const filters = [
  <SearchFilter key="q" source="q" hint="beh.directoryDrift.searchHint" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  <BooleanInput key="open" source="open" alwaysOn />,
];

/** "Tillagd i KIV" / "Borttagen i KIV". */
const KindField = (_: { source?: string; label?: string }) => {
  const drift = useRecordContext<DirectoryDrift>();
  const translate = useTranslate();
  if (!drift) return null;
  return (
    <StatusChip
      tone={drift.open ? 'warning' : 'neutral'}
      label={translate(`beh.directoryDrift.kind.${drift.kind}`)}
    />
  );
};

/** The person by name when BEH knows the HSA-id, else the HSA-id alone. */
const PersonField = (_: { source?: string; label?: string }) => {
  const drift = useRecordContext<DirectoryDrift>();
  if (!drift) return null;
  return drift.personId ? (
    <ReferenceField source="personId" reference="persons" link="show">
      <span>
        {drift.personName} · {drift.personHsaId}
      </span>
    </ReferenceField>
  ) : (
    <span>{drift.personHsaId}</span>
  );
};

const AssignmentField = (_: { source?: string; label?: string }) => {
  const drift = useRecordContext<DirectoryDrift>();
  if (!drift) return null;
  return (
    <span>
      {drift.assignmentName}, {drift.careUnitName}
    </span>
  );
};

const Explanation = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ mb: 1 }}>
      {translate('beh.directoryDrift.explanation')}
    </Alert>
  );
};

/**
 * "Avvikelser mot KIV" for administrators: memberships added or removed in KIV by someone else
 * than BEH, found after each sync. Read only: BEH's holdings are not changed by drift; a
 * difference is put right by an order (or in KIV), and disappears from the open list at the
 * next sync that no longer sees it.
 */
export default function DirectoryDriftList() {
  return (
    <List<DirectoryDrift>
      pagination={<ListPagination />}
      sort={{ field: 'lastSeenAt', order: 'DESC' }}
      filters={filters}
      filterDefaultValues={{ open: true }}
      exporter={false}
      perPage={25}
      title="beh.directoryDrift.title"
    >
      <Explanation />
      <DataTable<DirectoryDrift> rowClick={false} bulkActionButtons={false}>
        <Column source="kind">
          <KindField />
        </Column>
        <Column source="personHsaId">
          <PersonField />
        </Column>
        <Column source="assignmentName" disableSort>
          <AssignmentField />
        </Column>
        <Column source="commissionHsaId" field={TextField} disableSort />
        <Column source="firstSeenAt">
          <TimestampField source="firstSeenAt" />
        </Column>
        <Column source="lastSeenAt">
          <TimestampField source="lastSeenAt" />
        </Column>
        <Column source="resolvedAt">
          <TimestampField source="resolvedAt" />
        </Column>
      </DataTable>
    </List>
  );
}
