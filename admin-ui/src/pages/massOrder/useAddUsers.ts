import { useCallback, useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { blockedReason } from './blocked';
import type { MassOrderAction } from './massOrderState';
import type { Candidate, CandidateFilter, PersonRow } from './types';
import { useCandidateSearch } from './useCandidateSearch';

/** Only the columns the right-hand table shows travel with a person. */
const toRow = ({ id, userId, firstName, lastName, personnummer, organisation }: Candidate): PersonRow => ({
  id,
  userId,
  firstName,
  lastName,
  personnummer,
  organisation,
});

/** With more chosen than this, "flytta alla tillbaka" asks ("Töm listan?") before it empties the list. */
const CONFIRM_ALL_BACK_OVER = 10;

export interface AddUsersMessage {
  text: string;
  error: boolean;
}

/**
 * "Lägg till användare": the search, the ticks on either side, the arrows between the two lists,
 * the line that says what the last move did, the "Töm listan?" question and the import dialog.
 */
export function useAddUsers(
  assignmentId: Identifier,
  chosen: PersonRow[],
  chosenIds: ReadonlySet<string>,
  lastSearch: CandidateFilter | null,
  dispatch: (action: MassOrderAction) => void,
) {
  const translate = useTranslate();
  const search = useCandidateSearch(assignmentId, lastSearch);
  /** Ticked in the search hits, by id. */
  const [left, setLeft] = useState<ReadonlyMap<string, Candidate>>(new Map());
  /** Ticked among the chosen. */
  const [right, setRight] = useState<ReadonlySet<string>>(new Set());
  const [movingAll, setMovingAll] = useState(false);
  const [message, setMessage] = useState<AddUsersMessage | null>(null);
  const [confirmingAllBack, setConfirmingAllBack] = useState(false);
  const [importing, setImporting] = useState(false);
  /** Counts the moves, so the section can take focus to the line that says what the last one did. */
  const [moves, setMoves] = useState(0);
  const said = (next: AddUsersMessage) => {
    setMessage(next);
    setMoves((count) => count + 1);
  };

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

  const searchFor = (filter: CandidateFilter) => {
    setLeft(new Map());
    setMessage(null);
    search.search(filter);
    dispatch({ kind: 'search', filter });
  };

  /** Moves the movable ones right and says how many, and how many could not go. */
  const moveRight = (candidates: Candidate[]) => {
    const movable = candidates.filter((candidate) => blockedReason(candidate, chosenIds) === null);
    dispatch({ kind: 'choose', persons: movable.map(toRow) });
    const skipped = candidates.length - movable.length;
    said({
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
      said({ text: translate(errorMessage(error)), error: true });
    } finally {
      setMovingAll(false);
    }
  };
  const moveBack = () => {
    dispatch({ kind: 'unchoose', ids: [...right] });
    said({
      text: translate('beh.massOrder.dual.movedBack', { smart_count: right.size }),
      error: false,
    });
    setRight(new Set());
  };
  const moveAllBack = () => {
    dispatch({ kind: 'unchooseAll' });
    said({
      text: translate('beh.massOrder.dual.movedBack', { smart_count: chosen.length }),
      error: false,
    });
    setRight(new Set());
    setConfirmingAllBack(false);
  };
  const askMoveAllBack = () =>
    chosen.length > CONFIRM_ALL_BACK_OVER ? setConfirmingAllBack(true) : moveAllBack();

  const imported = (persons: Candidate[]) => {
    dispatch({ kind: 'choose', persons: persons.map(toRow) });
    setMessage({
      text: translate('beh.massOrder.import.added', { smart_count: persons.length }),
      error: false,
    });
  };

  return {
    search,
    searchFor,
    left,
    right,
    selectLeft,
    selectRight,
    removeOne,
    message,
    moveCount: moves,
    moves: {
      canMoveSelected: left.size > 0,
      canMoveAll: hits !== null && hits.total > 0,
      canMoveBack: right.size > 0,
      canMoveAllBack: chosen.length > 0,
      movingAll,
      onMoveSelected: moveSelected,
      onMoveAll: () => void moveAll(),
      onMoveBack: moveBack,
      onMoveAllBack: askMoveAllBack,
    },
    allBack: {
      open: confirmingAllBack,
      confirm: moveAllBack,
      cancel: () => setConfirmingAllBack(false),
    },
    importDialog: {
      open: importing,
      show: () => setImporting(true),
      close: () => setImporting(false),
      imported,
    },
  };
}
