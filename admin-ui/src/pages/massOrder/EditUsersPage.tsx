import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { errorMessage } from '../../common/problem';
import { useLoaded } from '../../orders/useLoaded';
import { EditUsersForm } from './EditUsersForm';
import { massOrderRoutes } from './routes';
import { useMassOrderApi } from './useMassOrderApi';

/** The assignment, then everything that works on it. */
const EditUsers = ({ assignmentId, onNewOrder }: { assignmentId: string; onNewOrder: () => void }) => {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const assignment = useLoaded(useCallback(() => api.getMassAssignment(assignmentId), [api, assignmentId]));
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {assignment.state === 'ready'
          ? translate('beh.massOrder.edit.heading', {
              assignment: assignment.value.name,
              unit: assignment.value.careUnitName,
            })
          : translate('beh.massOrder.tree.editUsers')}
      </Typography>
      {assignment.state === 'loading' && (
        <CircularProgress size={28} aria-label={translate('ra.page.loading')} />
      )}
      {assignment.state === 'failed' && (
        <Alert severity="error">{translate(errorMessage(assignment.error))}</Alert>
      )}
      {assignment.state === 'ready' && (
        <EditUsersForm assignment={assignment.value} onNewOrder={onNewOrder} />
      )}
    </>
  );
};

/** "Redigera användare" for one assignment: its members, people to add, and the send (seeds/000). */
export default function EditUsersPage() {
  const translate = useTranslate();
  const { assignmentId = '' } = useParams<'assignmentId'>();
  // A new round (after a receipt) starts over with the assignment's members and counts read afresh.
  const [round, setRound] = useState(0);
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.massOrder.title" />
      <Button component={RouterLink} to={massOrderRoutes.tree} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {translate('beh.massOrder.tree.heading')}
      </Button>
      <EditUsers
        key={`${assignmentId}:${round}`}
        assignmentId={assignmentId}
        onNewOrder={() => setRound((current) => current + 1)}
      />
    </Box>
  );
}
