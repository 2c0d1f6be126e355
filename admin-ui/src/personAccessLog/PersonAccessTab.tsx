import DownloadIcon from '@mui/icons-material/GetApp';
import { Box, Stack, Typography } from '@mui/material';
import { Button, DataTable, ListBase, useListContext, useTranslate } from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { exportUrl } from '../common/ServerExport';
import { TimestampField } from '../outbox/fields';
import { AccessActionField, LookedUpField, PurposeField, ReaderField } from './fields';
import type { PersonAccessLogItem } from './types';

const Column = DataTable.Col<PersonAccessLogItem>;

/** The server's CSV of this person's rows: the list's permanent filter is not among its filter values. */
const ExportPersonLog = ({ personId }: { personId: string }) => {
  const { sort, total } = useListContext();
  return (
    <Button
      label="ra.action.export"
      disabled={!total}
      onClick={() => {
        const link = document.createElement('a');
        link.href = exportUrl('person-access-log', { personId }, sort);
        link.download = '';
        document.body.appendChild(link);
        link.click();
        link.remove();
      }}
    >
      <DownloadIcon />
    </Button>
  );
};

/** "Uppslag" on a person's page (administrators): who looked them up or opened their page, when and why. */
export const PersonAccessTab = ({ personId }: { personId: string }) => {
  const translate = useTranslate();
  return (
    <ListBase<PersonAccessLogItem>
      resource="person-access-log"
      filter={{ personId }}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={10}
      disableSyncWithLocation
      storeKey={false}
    >
      <Box sx={{ px: 2, pb: 2 }}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', py: 1 }}>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {translate('beh.personAccess.tabNote')}
          </Typography>
          <ExportPersonLog personId={personId} />
        </Stack>
        <DataTable<PersonAccessLogItem>
          rowClick={false}
          bulkActionButtons={false}
          empty={
            <Typography variant="body2" sx={{ color: 'text.secondary', py: 1 }}>
              {translate('beh.personAccess.none')}
            </Typography>
          }
        >
          <Column source="at">
            <TimestampField source="at" />
          </Column>
          <Column source="actorName" disableSort>
            <ReaderField />
          </Column>
          <Column source="action" disableSort>
            <AccessActionField />
          </Column>
          <Column source="lookedUp" disableSort>
            <LookedUpField />
          </Column>
          <Column source="purpose" disableSort>
            <PurposeField />
          </Column>
        </DataTable>
        <ListPagination rowsPerPageOptions={[10, 25, 50]} />
      </Box>
    </ListBase>
  );
};
