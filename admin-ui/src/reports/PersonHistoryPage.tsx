import DownloadIcon from '@mui/icons-material/GetApp';
import { Box, Button, Card, Stack, Typography } from '@mui/material';
import { DataTable, FunctionField, ListBase, Title, useListContext, useTranslate } from 'react-admin';
import { useLocation, useParams } from 'react-router-dom';
import { formatTimestamp } from '../common/dates';
import { ListPagination } from '../common/ListPagination';
import { noWrap } from '../common/noWrap';
import { downloadCsv } from './download';
import { historyResource } from './routes';
import type { HistoryItem } from './types';

const Column = DataTable.Col<HistoryItem>;

const minute = (instant: string | null | undefined) => (instant ? formatTimestamp(instant).slice(0, 16) : '');

/** What happened, in words: "Innehav", "Nyupplägg BEH5648820 (Avslutad, raden Utförd)", "Delegering". */
const WhatCell = () => {
  const translate = useTranslate();
  return (
    <FunctionField<HistoryItem>
      render={(r) => {
        const kind = translate(`beh.reports.history.kind.${r.kind}`);
        if (r.kind !== 'ORDER_LINE') return kind;
        const type = r.orderType ? translate(`beh.reports.history.type.${r.orderType}`) : '';
        const status = r.orderStatus ? translate(`beh.reports.history.status.${r.orderStatus}`) : '';
        const line = r.lineStatus ? translate(`beh.reports.history.line.${r.lineStatus}`) : '';
        return `${type} ${r.orderNumber ?? ''} (${status}; ${translate('beh.reports.history.lineIs', { status: line })})`;
      }}
    />
  );
};

/** Who ordered and attested (an order line, or the order that granted a holding), or who delegated. */
const WhoCell = () => {
  const translate = useTranslate();
  return (
    <FunctionField<HistoryItem>
      render={(r) => {
        if (r.kind === 'DELEGATION') {
          const rights = [r.mayOrder && 'order', r.mayAttest && 'attest']
            .filter(Boolean)
            .map((right) => translate(`beh.reports.history.right.${right as string}`))
            .join(', ');
          const revoked = r.revokedAt
            ? `; ${translate('beh.reports.history.revoked', { at: minute(r.revokedAt) })}`
            : '';
          return `${translate('beh.reports.history.grantedBy', { name: r.grantorName ?? '' })} (${rights})${revoked}`;
        }
        if (r.kind === 'HOLDING') {
          if (!r.grantedBy) return translate('beh.reports.noOrder');
          return translate('beh.reports.history.throughOrder', {
            order: r.grantedBy.orderNumber,
            attestant: `${r.grantedBy.attestantName} (${r.grantedBy.attestantUserId})`,
            at: minute(r.grantedBy.decidedAt),
          });
        }
        const parts = [
          `${translate('beh.reports.history.orderer')}: ${r.ordererName ?? ''}${r.ordererUserId ? ` (${r.ordererUserId})` : ''}`,
          `${translate('beh.reports.history.attestant')}: ${r.attestantName ?? ''}`,
        ];
        if (r.decidedAt) parts.push(`${translate('beh.reports.history.decided')} ${minute(r.decidedAt)}`);
        if (r.completedAt)
          parts.push(`${translate('beh.reports.history.completed')} ${minute(r.completedAt)}`);
        return parts.join(' · ');
      }}
    />
  );
};

const ExportButton = ({ personId }: { personId: string }) => {
  const translate = useTranslate();
  const { sort, total, isPending } = useListContext();
  return (
    <Button
      startIcon={<DownloadIcon />}
      disabled={isPending || !total}
      onClick={() => downloadCsv(historyResource(personId), undefined, sort)}
    >
      {translate('beh.reports.exportCsv')}
    </Button>
  );
};

/**
 * "Historik" (issue 17): everything BEH knows of one person in time order — the assignments held
 * (with the order that granted each), every order line for them, the delegations granted to
 * them — with its CSV. Opened from the person's page ("Visa historik") or a row of "Innehav på
 * datum"; the name comes along from there when it can.
 */
export default function PersonHistoryPage() {
  const translate = useTranslate();
  const { id = '' } = useParams();
  const { state } = useLocation() as { state?: { name?: string } | null };
  const name = state?.name;
  return (
    <Box sx={{ mt: 1 }}>
      <Title
        title={name ? translate('beh.reports.history.titleOf', { name }) : 'beh.reports.history.title'}
      />
      <ListBase<HistoryItem>
        resource={historyResource(id)}
        sort={{ field: 'day', order: 'ASC' }}
        perPage={50}
        disableSyncWithLocation
        storeKey={false}
      >
        <Card>
          <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', px: 2, pt: 1 }}>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {translate('beh.reports.history.intro')}
            </Typography>
            <ExportButton personId={id} />
          </Stack>
          <DataTable<HistoryItem>
            bulkActionButtons={false}
            rowClick={false}
            empty={
              <Typography variant="body2" sx={{ color: 'text.secondary', p: 2 }}>
                {translate('beh.reports.history.empty')}
              </Typography>
            }
          >
            <Column source="day" label="beh.reports.fields.day" sx={noWrap} />
            <Column source="kind" label="beh.reports.fields.what" disableSort>
              <WhatCell />
            </Column>
            <Column source="careUnitName" label="beh.reports.fields.unit" disableSort />
            <Column source="assignmentName" label="beh.reports.fields.assignment" disableSort />
            <Column source="validFrom" label="beh.reports.fields.validFrom" disableSort />
            <Column source="validTo" label="beh.reports.fields.validTo" disableSort>
              <FunctionField<HistoryItem>
                render={(r) => (r.validFrom ? (r.validTo ?? translate('beh.untilFurtherNotice')) : '')}
              />
            </Column>
            <Column source="who" label="beh.reports.fields.who" disableSort>
              <WhoCell />
            </Column>
          </DataTable>
          <ListPagination rowsPerPageOptions={[50, 100]} />
        </Card>
      </ListBase>
    </Box>
  );
}
