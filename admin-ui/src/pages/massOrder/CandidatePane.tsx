import {
  Alert,
  Box,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import type { Loaded } from '../../orders/useLoaded';
import { blockedReason } from './blocked';
import { Pager } from './Pager';
import { personLabel } from './personName';
import type { Candidate, Page } from './types';
import { SEARCH_PAGE_SIZES } from './useCandidateSearch';

interface Props {
  result: Loaded<Page<Candidate>> | null;
  chosenIds: ReadonlySet<string>;
  selected: ReadonlyMap<string, Candidate>;
  onSelect: (candidates: Candidate[], select: boolean) => void;
  page: number;
  perPage: number;
  onPage: (page: number) => void;
  onPerPage: (perPage: number) => void;
}

/** The left side of the dual list: this page of hits, each with a tick box, those not movable marked why. */
export const CandidatePane = ({ result, chosenIds, selected, onSelect, ...paging }: Props) => {
  const translate = useTranslate();
  const rows = result?.state === 'ready' ? result.value.rows : [];
  const total = result?.state === 'ready' ? result.value.total : 0;
  const movable = rows.filter((candidate) => blockedReason(candidate, chosenIds) === null);
  const allTicked = movable.length > 0 && movable.every((candidate) => selected.has(String(candidate.id)));
  return (
    <Paper variant="outlined" component="section" aria-labelledby="mass-hits-heading" sx={{ minWidth: 0 }}>
      <Stack
        direction="row"
        sx={{ alignItems: 'center', px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider' }}
      >
        <Checkbox
          checked={allTicked}
          indeterminate={!allTicked && movable.some((candidate) => selected.has(String(candidate.id)))}
          disabled={movable.length === 0}
          onChange={(event) => onSelect(movable, event.target.checked)}
          slotProps={{ input: { 'aria-label': translate('beh.massOrder.dual.tickPage') } }}
        />
        <Typography id="mass-hits-heading" variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
          {translate('beh.massOrder.dual.hits')}
          {result?.state === 'ready' && ` (${total})`}
        </Typography>
      </Stack>
      <Box sx={{ position: 'relative', maxHeight: 320, overflowY: 'auto', px: 1 }}>
        {result?.state === 'loading' && (
          <LinearProgress sx={{ position: 'absolute', top: 0, left: 0, right: 0 }} />
        )}
        {!result && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {translate('beh.massOrder.dual.searchFirst')}
          </Typography>
        )}
        {result?.state === 'failed' && (
          <Alert severity="error" sx={{ m: 1 }}>
            {translate(errorMessage(result.error))}
          </Alert>
        )}
        {result?.state === 'ready' && rows.length === 0 && (
          <Typography sx={{ p: 2 }}>{translate('beh.massOrder.dual.noHits')}</Typography>
        )}
        {rows.map((candidate) => {
          const id = String(candidate.id);
          const blocked = blockedReason(candidate, chosenIds);
          return (
            <FormControlLabel
              key={id}
              data-candidate={candidate.userId}
              sx={{
                display: 'flex',
                alignItems: 'flex-start',
                mx: 0,
                py: 0.25,
                borderBottom: 1,
                borderColor: 'divider',
              }}
              control={
                <Checkbox
                  size="small"
                  checked={blocked === null && selected.has(id)}
                  disabled={blocked !== null}
                  onChange={(event) => onSelect([candidate], event.target.checked)}
                />
              }
              label={
                <Box sx={{ py: 0.5 }}>
                  <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {personLabel(candidate)}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {[candidate.personnummer, candidate.organisation].filter(Boolean).join(' · ')}
                  </Typography>
                  {blocked && (
                    <Typography
                      variant="caption"
                      component="div"
                      sx={{ color: 'warning.dark', fontWeight: 500 }}
                    >
                      {translate(`beh.massOrder.blocked.${blocked}`)}
                    </Typography>
                  )}
                </Box>
              }
            />
          );
        })}
      </Box>
      {result?.state === 'ready' && total > 0 && (
        <Pager total={total} sizes={SEARCH_PAGE_SIZES} compact {...paging} />
      )}
    </Paper>
  );
};
