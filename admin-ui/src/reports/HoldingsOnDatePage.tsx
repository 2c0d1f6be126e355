import DownloadIcon from '@mui/icons-material/GetApp';
import { Autocomplete, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import {
  DataTable,
  FunctionField,
  ListBase,
  Title,
  useGetList,
  useListContext,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { Me } from '../auth/types';
import { formatTimestamp, todayInStockholm } from '../common/dates';
import { IsoDateField, isIsoDate } from '../common/IsoDateInput';
import { ListPagination } from '../common/ListPagination';
import { noWrap } from '../common/noWrap';
import { downloadCsv } from './download';
import { HOLDINGS_RESOURCE, reportRoutes } from './routes';
import type { HoldingOnDate } from './types';

interface Option {
  id: string;
  name: string;
}

const Column = DataTable.Col<HoldingOnDate>;

/**
 * The units to choose from: an administrator searches all care units (by name, as typed); a head
 * of unit gets the units they head (GET /api/me), the only ones the server answers them for.
 */
function useUnitOptions(search: string): { options: Option[]; loading: boolean; searched: boolean } {
  const { permissions: me } = usePermissions<Me>();
  const administrator = me?.roles.administrator ?? false;
  const headed = useMemo(
    () =>
      (me?.units ?? [])
        .filter((u) => u.via.includes('HEAD'))
        .map((u) => ({ id: u.careUnitId, name: u.careUnitName })),
    [me],
  );
  const { data, isPending } = useGetList<Option & { name: string }>(
    'care-units',
    {
      filter: search ? { q: search } : {},
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
    },
    { enabled: administrator },
  );
  if (!administrator) return { options: headed, loading: false, searched: false };
  return {
    options: (data ?? []).map((u) => ({ id: String(u.id), name: u.name })),
    loading: isPending,
    searched: true,
  };
}

const OrderCell = () => {
  const translate = useTranslate();
  return (
    <FunctionField<HoldingOnDate>
      render={(r) =>
        r.grantedBy ? (
          r.grantedBy.orderNumber
        ) : (
          <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
            {translate('beh.reports.noOrder')}
          </Typography>
        )
      }
    />
  );
};

const AttestedCell = () => (
  <FunctionField<HoldingOnDate>
    render={(r) =>
      r.grantedBy
        ? `${r.grantedBy.attestantName} (${r.grantedBy.attestantUserId})${
            r.grantedBy.decidedAt ? `, ${formatTimestamp(r.grantedBy.decidedAt).slice(0, 16)}` : ''
          }`
        : ''
    }
  />
);

/** "Exportera CSV": every row of the report, as the server writes it. */
const ExportButton = () => {
  const translate = useTranslate();
  const { filter, sort, total, isPending } = useListContext();
  return (
    <Button
      startIcon={<DownloadIcon />}
      disabled={isPending || !total}
      onClick={() => downloadCsv(HOLDINGS_RESOURCE, filter, sort)}
    >
      {translate('beh.reports.exportCsv')}
    </Button>
  );
};

const Totals = () => {
  const translate = useTranslate();
  const { total } = useListContext();
  if (total === undefined) return null;
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary' }}>
      {translate('beh.reports.holdings.count', { smart_count: total })}
    </Typography>
  );
};

/**
 * "Innehav på datum" (issue 17): who held the chosen unit's assignments (or one of them) on a
 * date, from when to when, through which order and attested by whom; exported as CSV. A row
 * opens the person's history.
 */
export default function HoldingsOnDatePage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [unitSearch, setUnitSearch] = useState('');
  const [unit, setUnit] = useState<Option | null>(null);
  const [assignment, setAssignment] = useState<Option | null>(null);
  const [date, setDate] = useState(todayInStockholm());
  const { options: units, loading, searched } = useUnitOptions(unitSearch);
  const { data: catalogue } = useGetList<Option>(
    'assignments',
    {
      filter: { careUnitId: unit?.id },
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'name', order: 'ASC' },
    },
    { enabled: unit !== null },
  );
  const assignments = (catalogue ?? []).map((a) => ({ id: String(a.id), name: a.name }));
  const dateOk = isIsoDate(date);
  const filter =
    unit && dateOk
      ? { careUnitId: unit.id, date, ...(assignment ? { assignmentId: assignment.id } : {}) }
      : null;

  return (
    <Box sx={{ mt: 1 }}>
      <Title title="beh.reports.holdings.title" />
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('beh.reports.holdings.intro')}
          </Typography>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Autocomplete<Option>
              sx={{ minWidth: 300 }}
              options={units}
              loading={loading}
              value={unit}
              getOptionLabel={(o) => o.name}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              // The server searched an administrator's units; a head's few are filtered here.
              {...(searched ? { filterOptions: (x: Option[]) => x } : {})}
              onInputChange={(_, value, reason) => {
                if (reason === 'input') setUnitSearch(value);
              }}
              onChange={(_, value) => {
                setUnit(value);
                setAssignment(null);
              }}
              noOptionsText={translate('beh.reports.holdings.noUnits')}
              renderInput={(params) => (
                <TextField {...params} label={translate('beh.reports.holdings.unit')} />
              )}
            />
            <Autocomplete<Option>
              sx={{ minWidth: 260 }}
              options={assignments}
              value={assignment}
              disabled={unit === null}
              getOptionLabel={(o) => o.name}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              onChange={(_, value) => setAssignment(value)}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={translate('beh.reports.holdings.assignment')}
                  placeholder={translate('beh.reports.holdings.allAssignments')}
                />
              )}
            />
            <IsoDateField label={translate('beh.reports.holdings.date')} value={date} onChange={setDate} />
          </Stack>
        </CardContent>
      </Card>
      {filter ? (
        <ListBase<HoldingOnDate>
          resource={HOLDINGS_RESOURCE}
          filter={filter}
          sort={{ field: 'lastName', order: 'ASC' }}
          perPage={25}
          disableSyncWithLocation
          storeKey={false}
        >
          <Card sx={{ mt: 2 }}>
            <Stack
              direction="row"
              sx={{ alignItems: 'center', justifyContent: 'space-between', px: 2, pt: 1 }}
            >
              <Totals />
              <ExportButton />
            </Stack>
            <DataTable<HoldingOnDate>
              bulkActionButtons={false}
              rowClick={(_id, _resource, record) => {
                navigate(reportRoutes.history(record.personId), { state: { name: record.personName } });
                return false;
              }}
              empty={
                <Typography variant="body2" sx={{ color: 'text.secondary', p: 2 }}>
                  {translate('beh.reports.holdings.empty')}
                </Typography>
              }
            >
              <Column source="lastName" label="beh.reports.fields.person">
                <FunctionField<HoldingOnDate> render={(r) => r.personName} />
              </Column>
              <Column source="userId" label="beh.reports.fields.userId" />
              <Column source="hsaId" label="beh.reports.fields.hsaId" disableSort sx={noWrap} />
              <Column source="assignmentName" label="beh.reports.fields.assignment" />
              <Column source="validFrom" label="beh.reports.fields.validFrom" sx={noWrap} />
              <Column source="validTo" label="beh.reports.fields.validTo" disableSort sx={noWrap}>
                <FunctionField<HoldingOnDate>
                  render={(r) => r.validTo ?? translate('beh.untilFurtherNotice')}
                />
              </Column>
              <Column source="grantedBy" label="beh.reports.fields.order" disableSort>
                <OrderCell />
              </Column>
              <Column source="attestant" label="beh.reports.fields.attestedBy" disableSort>
                <AttestedCell />
              </Column>
            </DataTable>
            <ListPagination rowsPerPageOptions={[25, 50, 100]} />
          </Card>
        </ListBase>
      ) : (
        <Typography variant="body2" sx={{ mt: 2, color: 'text.secondary' }}>
          {translate('beh.reports.holdings.choose')}
        </Typography>
      )}
    </Box>
  );
}
