import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import {
  Box,
  Checkbox,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { memo, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Pager } from './Pager';
import { personLabel } from './personName';
import type { PersonRow } from './types';

const PAGE_SIZES = [25, 50, 100];

interface Props {
  chosen: PersonRow[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], select: boolean) => void;
  onRemove: (id: string) => void;
}

const matches = (person: PersonRow, words: string[]) => {
  const text = `${person.firstName} ${person.lastName} ${person.userId} ${person.organisation}`.toLowerCase();
  return words.every((word) => text.includes(word));
};

/**
 * The right side of the dual list, "Lägg till användare": Förnamn, Efternamn, VGR-ID, Personnummer
 * (masked), Organisation, Ta bort. Paged in the browser, so a thousand people stay quick to handle.
 */
export const ChosenPane = memo(function ChosenPane({ chosen, selected, onSelect, onRemove }: Props) {
  const translate = useTranslate();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]);
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return words.length === 0 ? chosen : chosen.filter((person) => matches(person, words));
  }, [chosen, filter]);
  const lastPage = Math.max(1, Math.ceil(shown.length / perPage));
  const current = Math.min(page, lastPage);
  const rows = shown.slice((current - 1) * perPage, current * perPage);
  const pageIds = rows.map((person) => String(person.id));
  const allTicked = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  return (
    <Paper variant="outlined" component="section" aria-labelledby="mass-chosen-heading" sx={{ minWidth: 0 }}>
      <Stack
        direction="row"
        sx={{
          alignItems: 'center',
          gap: 2,
          px: 2,
          py: 1,
          borderBottom: 1,
          borderColor: 'divider',
          flexWrap: 'wrap',
        }}
      >
        <Typography
          id="mass-chosen-heading"
          variant="subtitle1"
          component="h3"
          sx={{ fontWeight: 500, flex: 1 }}
        >
          {translate('beh.massOrder.dual.chosen', { smart_count: chosen.length })}
        </Typography>
        {chosen.length > PAGE_SIZES[0] && (
          <TextField
            size="small"
            label={translate('beh.massOrder.dual.filterChosen')}
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value);
              setPage(1);
            }}
          />
        )}
      </Stack>
      {/* As high as the search result beside it, scrolled within: the send stays near (1366×900). */}
      <Box sx={{ overflow: 'auto', maxHeight: 320 }} tabIndex={0} data-testid="mass-chosen-scroll">
        <Table
          size="small"
          stickyHeader
          aria-labelledby="mass-chosen-heading"
          sx={{ '& th, & td': { px: 1 }, '& th': { whiteSpace: 'nowrap' } }}
        >
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={allTicked}
                  indeterminate={!allTicked && pageIds.some((id) => selected.has(id))}
                  disabled={pageIds.length === 0}
                  onChange={(event) => onSelect(pageIds, event.target.checked)}
                  slotProps={{ input: { 'aria-label': translate('beh.massOrder.dual.tickPage') } }}
                />
              </TableCell>
              <TableCell>{translate('beh.massOrder.columns.firstName')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.lastName')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.userId')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.personnummer')}</TableCell>
              <TableCell>{translate('beh.massOrder.columns.organisation')}</TableCell>
              <TableCell align="center">{translate('beh.massOrder.columns.remove')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((person) => {
              const id = String(person.id);
              const label = personLabel(person);
              return (
                <TableRow key={id} data-chosen={person.userId} selected={selected.has(id)}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.has(id)}
                      onChange={(event) => onSelect([id], event.target.checked)}
                      slotProps={{
                        input: { 'aria-label': translate('beh.massOrder.dual.tickOne', { name: label }) },
                      }}
                    />
                  </TableCell>
                  <TableCell>{person.firstName}</TableCell>
                  <TableCell>{person.lastName}</TableCell>
                  <TableCell>{person.userId}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {person.personnummer ?? translate('beh.empty')}
                  </TableCell>
                  <TableCell>{person.organisation || translate('beh.empty')}</TableCell>
                  <TableCell align="center" padding="checkbox">
                    <IconButton
                      size="small"
                      onClick={() => onRemove(id)}
                      aria-label={translate('beh.massOrder.dual.removeOne', { name: label })}
                    >
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              );
            })}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>
                  <Typography variant="body2" color="text.secondary">
                    {translate(
                      chosen.length === 0 ? 'beh.massOrder.dual.noneChosen' : 'beh.massOrder.dual.noneMatch',
                    )}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
      {shown.length > PAGE_SIZES[0] && (
        <Pager
          total={shown.length}
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
    </Paper>
  );
});
