import { Button as MuiButton } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DeleteButton,
  List,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { attestRoutes } from '../attest/routes';
import { attestsInOwnRight } from '../auth/access';
import type { Me } from '../auth/types';
import { ListPagination } from '../common/ListPagination';
import { StatusChip } from '../common/StatusChip';
import type { StandIn } from './types';

const Column = DataTable.Col<StandIn>;

const TONES = { ACTIVE: 'success', UPCOMING: 'info', ENDED: 'neutral', REVOKED: 'neutral' } as const;

const Status = () => {
  const row = useRecordContext<StandIn>();
  const translate = useTranslate();
  if (!row) return null;
  return <StatusChip tone={TONES[row.status]} label={translate(`beh.standIns.status.${row.status}`)} />;
};

/** Ending is for the attestant who named it (or an administrator) while it has not ended. */
const EndButton = () => {
  const row = useRecordContext<StandIn>();
  const { permissions: me } = usePermissions<Me>();
  if (!row || row.status === 'ENDED' || row.status === 'REVOKED') return null;
  if (!row.mine && !me?.roles.administrator) return null;
  return (
    <DeleteButton
      mutationMode="pessimistic"
      label="beh.standIns.end"
      confirmTitle="beh.standIns.endTitle"
      confirmContent="beh.standIns.endContent"
    />
  );
};

const Actions = () => {
  const { permissions: me } = usePermissions<Me>();
  const translate = useTranslate();
  return (
    <TopToolbar>
      {/* A stand-in may hold no attest rights of their own: the queue is reached from here too. */}
      <MuiButton component={Link} to={attestRoutes.queue} size="small">
        {translate('beh.attest.menu')}
      </MuiButton>
      {me && attestsInOwnRight(me) && <CreateButton label="beh.standIns.add" />}
    </TopToolbar>
  );
};

/**
 * "Ersättare": the stand-ins I named and those naming me (an administrator sees all). Within its
 * period a stand-in sees and decides, in their own queue, what waits for the attestant.
 */
export default function StandInList() {
  return (
    <List<StandIn>
      pagination={<ListPagination />}
      sort={{ field: 'validFrom', order: 'DESC' }}
      exporter={false}
      actions={<Actions />}
      perPage={25}
      empty={false}
    >
      <DataTable<StandIn> rowClick={false} bulkActionButtons={false}>
        <Column source="attestantName" disableSort />
        <Column source="standInName" disableSort />
        <Column source="validFrom" />
        <Column source="validTo" />
        <Column source="status" disableSort>
          <Status />
        </Column>
        <Column label="" disableSort>
          <EndButton />
        </Column>
      </DataTable>
    </List>
  );
}
