import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { Confirm, type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { blockedReason } from './blocked';
import { CandidatePane } from './CandidatePane';
import { CandidateSearchForm } from './CandidateSearchForm';
import { ChosenPane } from './ChosenPane';
import { ImportDialog } from './ImportDialog';
import type { MassOrderAction } from './massOrderState';
import { MoveButtons } from './MoveButtons';
import type { Candidate, PersonRow } from './types';
import { useCandidateSearch } from './useCandidateSearch';

interface Props {
  assignmentId: Identifier;
  chosen: PersonRow[];
  chosenIds: ReadonlySet<string>;
  dispatch: (action: MassOrderAction) => void;
}

/** Only the columns the right-hand table shows travel with a person. */
const toRow = ({ id, userId, firstName, lastName, personnummer, organisation }: Candidate): PersonRow => ({
  id,
  userId,
  firstName,
  lastName,
  personnummer,
  organisation,
});

/** "Lägg till användare": search, the two lists with arrows between them, and "Importera lista". */
export const AddUsersSection = ({ assignmentId, chosen, chosenIds, dispatch }: Props) => {
  const translate = useTranslate();
  const search = useCandidateSearch(assignmentId);
  const [left, setLeft] = useState<ReadonlyMap<string, Candidate>>(new Map());
  const [right, setRight] = useState<ReadonlySet<string>>(new Set());
  const [movingAll, setMovingAll] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [confirmAllBack, setConfirmAllBack] = useState(false);
  const [importing, setImporting] = useState(false);

  const hits = search.result?.state === 'ready' ? search.result.value : null;

  const selectLeft = (candidates: Candidate[], select: boolean) =>
    setLeft((current) => {
      const next = new Map(current);
      for (const candidate of candidates) {
        if (select) next.set(String(candidate.id), candidate);
        else next.delete(String(candidate.id));
      }
      return next;
    });
  const selectRight = useCallback(
    (ids: string[], select: boolean) =>
      setRight((current) => {
        const next = new Set(current);
        for (const id of ids) {
          if (select) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );
  const removeOne = useCallback(
    (id: string) => {
      dispatch({ kind: 'unchoose', ids: [id] });
      selectRight([id], false);
    },
    [dispatch, selectRight],
  );

  /** Moves the movable ones right and says how many, and how many could not go. */
  const moveRight = (candidates: Candidate[]) => {
    const movable = candidates.filter((candidate) => blockedReason(candidate, chosenIds) === null);
    dispatch({ kind: 'choose', persons: movable.map(toRow) });
    const skipped = candidates.length - movable.length;
    setMessage({
      text: [
        translate('beh.massOrder.dual.moved', { smart_count: movable.length }),
        skipped > 0 ? translate('beh.massOrder.dual.skipped', { smart_count: skipped }) : '',
      ]
        .filter(Boolean)
        .join(' '),
      error: false,
    });
  };

  const moveSelected = () => {
    moveRight([...left.values()]);
    setLeft(new Map());
  };
  const moveAll = async () => {
    setMovingAll(true);
    try {
      moveRight(await search.allHits());
      setLeft(new Map());
    } catch (error) {
      setMessage({ text: translate(errorMessage(error)), error: true });
    } finally {
      setMovingAll(false);
    }
  };
  const moveBack = () => {
    dispatch({ kind: 'unchoose', ids: [...right] });
    setMessage({
      text: translate('beh.massOrder.dual.movedBack', { smart_count: right.size }),
      error: false,
    });
    setRight(new Set());
  };
  const moveAllBack = () => {
    dispatch({ kind: 'unchooseAll' });
    setMessage({
      text: translate('beh.massOrder.dual.movedBack', { smart_count: chosen.length }),
      error: false,
    });
    setRight(new Set());
    setConfirmAllBack(false);
  };

  return (
    <Box component="section" aria-labelledby="mass-add-heading">
      <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography id="mass-add-heading" variant="h5" component="h2" sx={{ flex: 1 }}>
          {translate('beh.massOrder.add.heading')}
        </Typography>
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
          {translate('beh.massOrder.import.open')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {translate('beh.massOrder.add.help')}
      </Typography>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500, mb: 1 }}>
        {translate('beh.massOrder.search.heading')}
      </Typography>
      <CandidateSearchForm
        onSearch={(filter) => {
          setLeft(new Map());
          setMessage(null);
          search.search(filter);
        }}
      />
      <Box
        sx={{
          display: 'grid',
          // The right-hand table has the seed's six columns: it gets the larger share.
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(260px, 1fr) auto minmax(560px, 2fr)' },
          gap: 2,
          mt: 2,
          alignItems: 'start',
        }}
      >
        <CandidatePane
          result={search.result}
          chosenIds={chosenIds}
          selected={left}
          onSelect={selectLeft}
          page={search.page}
          perPage={search.perPage}
          onPage={search.setPage}
          onPerPage={search.setPerPage}
        />
        <MoveButtons
          canMoveSelected={left.size > 0}
          canMoveAll={hits !== null && hits.total > 0}
          canMoveBack={right.size > 0}
          canMoveAllBack={chosen.length > 0}
          movingAll={movingAll}
          onMoveSelected={moveSelected}
          onMoveAll={() => void moveAll()}
          onMoveBack={moveBack}
          onMoveAllBack={() => (chosen.length > 10 ? setConfirmAllBack(true) : moveAllBack())}
        />
        <ChosenPane chosen={chosen} selected={right} onSelect={selectRight} onRemove={removeOne} />
      </Box>
      <Typography
        role="status"
        aria-live="polite"
        sx={{ mt: 1, minHeight: '1.5em', color: message?.error ? 'error.main' : 'text.primary' }}
      >
        {message?.text}
      </Typography>
      <Confirm
        isOpen={confirmAllBack}
        title="beh.massOrder.dual.confirmAllBack.title"
        content="beh.massOrder.dual.confirmAllBack.content"
        translateOptions={{ smart_count: chosen.length }}
        confirm="beh.massOrder.dual.confirmAllBack.confirm"
        onConfirm={moveAllBack}
        onClose={() => setConfirmAllBack(false)}
      />
      <ImportDialog
        open={importing}
        assignmentId={assignmentId}
        chosenIds={chosenIds}
        onImported={(persons) => {
          dispatch({ kind: 'choose', persons: persons.map(toRow) });
          setMessage({
            text: translate('beh.massOrder.import.added', { smart_count: persons.length }),
            error: false,
          });
        }}
        onClose={() => setImporting(false)}
      />
    </Box>
  );
};
