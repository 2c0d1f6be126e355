import {
  Alert,
  Box,
  Button,
  Checkbox,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { useLoaded } from '../../orders/useLoaded';
import { MemberStatus } from './MemberStatus';
import type { MassOrderAction } from './massOrderState';
import { Pager } from './Pager';
import { personLabel } from './personName';
import type { Member } from './types';
import { useDebounced } from './useDebounced';
import { useMassOrderApi } from './useMassOrderApi';

interface Props {
  assignmentId: Identifier;
  removals: Member[];
  dispatch: (action: MassOrderAction) => void;
}

const PAGE_SIZES = [25, 50, 100];

/** "Nuvarande användare": who holds the assignment or has it on order, with "Ta bort" to end it. */
export const MembersSection = ({ assignmentId, removals, dispatch }: Props) => {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const [filter, setFilter] = useState('');
  const q = useDebounced(filter);
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]);
  const members = useLoaded(
    useCallback(
      () => api.getMembers(assignmentId, q, { page, perPage }),
      [api, assignmentId, q, page, perPage],
    ),
  );
  const ticked = new Set(removals.map((member) => String(member.id)));
  const rows = members.state === 'ready' ? members.value.rows : [];
  const total = members.state === 'ready' ? members.value.total : 0;

  return (
    <Box component="section" aria-labelledby="mass-members-heading">
      <Typography id="mass-members-heading" variant="h5" component="h2" gutterBottom>
        {translate('beh.massOrder.members.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {translate('beh.massOrder.members.help')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <TextField
          size="small"
          label={translate('beh.massOrder.members.filter')}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
            setPage(1);
          }}
          sx={{ width: 320 }}
        />
        {removals.length > 0 && (
          <>
            <Typography role="status" sx={{ fontWeight: 500 }}>
              {translate('beh.massOrder.members.tickedCount', { smart_count: removals.length })}
            </Typography>
            <Button size="small" onClick={() => dispatch({ kind: 'undoRemovals' })}>
              {translate('beh.massOrder.members.undoAll')}
            </Button>
          </>
        )}
      </Stack>
      {members.state === 'failed' && <Alert severity="error">{translate(errorMessage(members.error))}</Alert>}
      {/* Scrolled within, so adding people and the send are not a long scroll away (1366×900). */}
      <TableContainer sx={{ position: 'relative', maxHeight: 200 }} tabIndex={0}>
        {members.state === 'loading' && (
          <LinearProgress sx={{ position: 'absolute', top: 0, left: 0, right: 0 }} />
        )}
        <Table size="small" stickyHeader aria-labelledby="mass-members-heading">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" sx={{ whiteSpace: 'nowrap', px: 1 }}>
                {translate('beh.massOrder.columns.remove')}
              </TableCell>
              <TableCell>{translate('beh.massOrder.columns.firstName')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.lastName')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.userId')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.personnummer')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.organisation')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((member) => (
              <TableRow
                key={member.id}
                data-member={member.userId}
                selected={ticked.has(String(member.id))}
                sx={member.status === 'PENDING_GRANT' ? { bgcolor: 'action.hover' } : undefined}
              >
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={ticked.has(String(member.id))}
                    disabled={!member.removable}
                    onChange={() => dispatch({ kind: 'toggleRemoval', member })}
                    slotProps={{
                      input: {
                        'aria-label': translate('beh.massOrder.members.removeLabel', {
                          name: personLabel(member),
                        }),
                      },
                    }}
                  />
                </TableCell>
                <TableCell>{member.firstName}</TableCell>
                <TableCell>{member.lastName}</TableCell>
                <TableCell>{member.userId}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {member.personnummer ?? translate('beh.empty')}
                </TableCell>
                <TableCell>{member.organisation || translate('beh.empty')}</TableCell>
                <TableCell>
                  <MemberStatus member={member} />
                </TableCell>
              </TableRow>
            ))}
            {members.state === 'ready' && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>
                  {translate(q.trim() ? 'beh.massOrder.members.noneFound' : 'beh.massOrder.members.none')}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {total > 0 && (
        <Pager
          total={total}
          page={page}
          perPage={perPage}
          sizes={PAGE_SIZES}
          onPage={setPage}
          onPerPage={(size) => {
            setPerPage(size);
            setPage(1);
          }}
        />
      )}
    </Box>
  );
};
