import { useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import { errorMessage } from '../../common/problem';
import type { MassOrderAction, MassOrderState } from './massOrderState';
import { massRefusal } from './refusal';
import type { MassOrderCheck, MassOrderSend } from './types';
import { useMassOrderApi } from './useMassOrderApi';
import { openWarnings, warningRefusal, withWarnings } from './warnings';

/** What the pre-check judges: the persons, and the attestant and date when given. */
const toCheck = (assignmentId: Identifier, state: MassOrderState): MassOrderCheck => ({
  assignmentId: String(assignmentId),
  add: state.chosen.map((person) => person.id),
  remove: state.removals.map((member) => member.id),
  attestantId: state.attestantId === undefined ? undefined : String(state.attestantId),
  startDate: state.startDate || undefined,
});

const toSend = (assignmentId: Identifier, state: MassOrderState, attestantId: Identifier): MassOrderSend => ({
  ...toCheck(assignmentId, state),
  attestantId: String(attestantId),
  startDate: state.startDate,
  urgent: state.urgent,
  comment: state.comment.trim() || null,
  // Only when there was something to confirm: the server then knows the orderer saw the warnings.
  ...(state.confirmedWarnings && openWarnings(state).length > 0 ? { confirmedWarnings: true } : {}),
});

/**
 * "Kontrollera" (the server's pre-check) and "Skicka beställning". A refused send names its persons
 * the way the pre-check does, so both end in the same list of refusals.
 */
export function useMassSend(
  assignmentId: Identifier,
  state: MassOrderState,
  dispatch: (action: MassOrderAction) => void,
) {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const [busy, setBusy] = useState<'check' | 'send' | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<string[] | null>(null);
  const empty = state.chosen.length === 0 && state.removals.length === 0;

  const check = async () => {
    setBusy('check');
    setFailure(null);
    try {
      const answer = await api.checkMassOrder(toCheck(assignmentId, state));
      // Signed out meanwhile (a 401): react-admin answers `{ data: [] }` and goes to the sign-in page;
      // the draft stays as it was, to be found again after signing in.
      if (Array.isArray(answer.persons) && Array.isArray(answer.violations))
        dispatch({ kind: 'checked', check: answer });
    } catch (error) {
      setFailure([translate(errorMessage(error))]);
    } finally {
      setBusy(null);
    }
  };

  const send = async () => {
    setAttempted(true);
    const problems = [
      empty ? translate('beh.massOrder.send.nothing') : null,
      state.attestantId === undefined ? translate('beh.massOrder.send.attestantRequired') : null,
      state.startDate === '' || state.startDate < todayInStockholm()
        ? translate('beh.wizard.dateInPast')
        : null,
      openWarnings(state).length > 0 && !state.confirmedWarnings
        ? translate('beh.massOrder.warnings.confirmFirst')
        : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0 || state.attestantId === undefined) {
      setFailure(problems);
      return;
    }
    setBusy('send');
    setFailure(null);
    try {
      const placed = await api.placeMassOrder(toSend(assignmentId, state, state.attestantId));
      // As for the check: no batch means signed out, and the draft is kept for after the sign-in.
      if (typeof placed.batchId === 'string' && Array.isArray(placed.orders))
        dispatch({ kind: 'placed', placed });
    } catch (error) {
      const warned = warningRefusal(error);
      if (warned) {
        // Not refused: the warnings are shown per person, to be confirmed before sending again.
        const removalIds = new Set(state.removals.map((member) => String(member.id)));
        dispatch({ kind: 'warned', check: withWarnings(state.check, warned, removalIds) });
        setFailure([translate('beh.massOrder.warnings.confirmFirst')]);
        return;
      }
      const refusal = massRefusal(error);
      if (refusal) dispatch({ kind: 'checked', check: refusal });
      setFailure([translate(errorMessage(error))]);
    } finally {
      setBusy(null);
    }
  };

  return { check, send, busy, attempted, failure, empty, clearFailure: () => setFailure(null) };
}
