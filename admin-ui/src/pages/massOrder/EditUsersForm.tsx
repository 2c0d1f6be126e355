import { Card, CardContent } from '@mui/material';
import { useReducer } from 'react';
import { AddUsersSection } from './AddUsersSection';
import { AssignmentHeader } from './AssignmentHeader';
import { BatchReceipt } from './BatchReceipt';
import { initialMassOrderState, massOrderReducer } from './massOrderState';
import { MembersSection } from './MembersSection';
import { SendSection } from './SendSection';
import type { MassAssignment } from './types';

const cardContent = { p: { xs: 2, md: 3 } };

/**
 * The parts of "Redigera användare", one card each, and the receipt once sent (without the
 * assignment's counts, which the send has just changed).
 */
export const EditUsersForm = ({
  assignment,
  onNewOrder,
}: {
  assignment: MassAssignment;
  onNewOrder: () => void;
}) => {
  const [state, dispatch] = useReducer(massOrderReducer, undefined, initialMassOrderState);
  if (state.placed) {
    return (
      <Card>
        <CardContent sx={cardContent}>
          <BatchReceipt placed={state.placed} onNewOrder={onNewOrder} />
        </CardContent>
      </Card>
    );
  }
  return (
    <>
      <Card sx={{ mb: 3 }}>
        <CardContent sx={cardContent}>
          <AssignmentHeader assignment={assignment} />
        </CardContent>
      </Card>
      <Card sx={{ mb: 3 }}>
        <CardContent sx={cardContent}>
          <MembersSection assignmentId={assignment.id} removals={state.removals} dispatch={dispatch} />
        </CardContent>
      </Card>
      <Card sx={{ mb: 3 }}>
        <CardContent sx={cardContent}>
          <AddUsersSection
            assignmentId={assignment.id}
            chosen={state.chosen}
            chosenIds={state.chosenIds}
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
