import { Alert, Card, CardContent, Divider } from '@mui/material';
import { useEffect, useReducer, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { AddUsersSection } from './AddUsersSection';
import { AssignmentHeader } from './AssignmentHeader';
import { clearDraft, hasWork, loadDraft, saveDraft } from './draft';
import { massOrderReducer } from './massOrderState';
import { MembersSection } from './MembersSection';
import { massOrderRoutes } from './routes';
import { SendSection } from './SendSection';
import type { MassAssignment } from './types';

const cardContent = { p: { xs: 2, md: 3 } };

/**
 * The parts of "Redigera användare", one card each. What is put together is kept as a draft in the
 * tab's session storage at every change; a successful send clears it and goes on to the receipt's own
 * address (a history entry of its own).
 */
export const EditUsersForm = ({
  assignment,
  storageKey,
}: {
  assignment: MassAssignment;
  storageKey: string;
}) => {
  const translate = useTranslate();
  const [restored] = useState(() => loadDraft(storageKey));
  const [state, dispatch] = useReducer(massOrderReducer, restored);
  const navigate = useNavigate();
  useEffect(() => {
    if (state.placed) {
      clearDraft(storageKey);
      navigate(massOrderRoutes.receipt(assignment.id, state.placed.batchId), {
        state: { placed: state.placed },
      });
    } else {
      saveDraft(storageKey, state);
    }
  }, [state, storageKey, navigate, assignment.id]);
  return (
    <>
      {/* Said while the draft lasts: after "Ångra" it would speak of what is gone. */}
      {hasWork(restored) && hasWork(state) && (
        <Alert severity="info" role="status" sx={{ mb: 2, maxWidth: 900 }} data-testid="mass-restored">
          {translate('beh.massOrder.edit.restored', {
            add: restored.chosen.length,
            remove: restored.removals.length,
          })}
        </Alert>
      )}
      <Card sx={{ mb: 2 }}>
        <CardContent sx={cardContent}>
          <AssignmentHeader assignment={assignment} />
          <Divider sx={{ my: 2 }} />
          <MembersSection assignmentId={assignment.id} removals={state.removals} dispatch={dispatch} />
        </CardContent>
      </Card>
      <Card sx={{ mb: 2 }}>
        <CardContent sx={cardContent}>
          <AddUsersSection
            assignmentId={assignment.id}
            chosen={state.chosen}
            chosenIds={state.chosenIds}
            search={state.search}
            dispatch={dispatch}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent sx={cardContent}>
          <SendSection assignment={assignment} state={state} dispatch={dispatch} />
        </CardContent>
      </Card>
    </>
  );
};
