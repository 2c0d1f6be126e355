import {
  Alert,
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Pager } from './Pager';
import { personLabel } from './personName';
import type { PersonRow, PersonVerdict } from './types';

const PAGE_SIZES = [10, 25, 100];

interface Props {
  refusals: PersonVerdict[];
  /** Everyone in the send, by id, to name the refused. */
  people: ReadonlyMap<string, PersonRow>;
  onDrop: (verdicts: PersonVerdict[]) => void;
}

/** The pre-check's refusals, per person with the server's reasons, each droppable from the send. */
export const RefusalList = ({ refusals, people, onDrop }: Props) => {
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]);
  const lastPage = Math.max(1, Math.ceil(refusals.length / perPage));
  const current = Math.min(page, lastPage);
  const rows = refusals.slice((current - 1) * perPage, current * perPage);
  return (
    <Box component="section" aria-labelledby="mass-refusals-heading" sx={{ mt: 2 }}>
      <Alert severity="error" role="alert">
        <Typography id="mass-refusals-heading" sx={{ fontWeight: 500 }}>
          {translate('beh.massOrder.check.refused', { smart_count: refusals.length })}
        </Typography>
        <Typography variant="body2">{translate('beh.massOrder.check.refusedHelp')}</Typography>
      </Alert>
      <Stack direction="row" sx={{ justifyContent: 'flex-end', my: 1 }}>
        <Button variant="outlined" color="error" onClick={() => onDrop(refusals)}>
          {translate('beh.massOrder.check.dropAll')}
        </Button>
      </Stack>
      <Table size="small" aria-labelledby="mass-refusals-heading">
        <TableHead>
          <TableRow>
            <TableCell>{translate('beh.massOrder.check.person')}</TableCell>
            <TableCell>{translate('beh.massOrder.check.type')}</TableCell>
            <TableCell>{translate('beh.massOrder.check.reason')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((verdict) => {
            const person = people.get(String(verdict.personId));
            const name = person ? personLabel(person) : String(verdict.personId);
            return (
              <TableRow key={`${verdict.type}-${verdict.personId}`} data-refused={person?.userId}>
                <TableCell>{name}</TableCell>
                <TableCell>{translate(`beh.orders.type.${verdict.type}`)}</TableCell>
                <TableCell>
                  {verdict.violations.map((violation) => (
                    <div key={violation.rule}>{violation.message}</div>
                  ))}
                </TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    onClick={() => onDrop([verdict])}
                    aria-label={translate('beh.massOrder.check.dropOneLabel', { name })}
                  >
                    {translate('beh.massOrder.check.dropOne')}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {refusals.length > PAGE_SIZES[0] && (
        <Pager
          total={refusals.length}
          page={current}
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
