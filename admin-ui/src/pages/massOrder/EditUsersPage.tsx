import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Typography } from '@mui/material';
import { useCallback } from 'react';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { Link as RouterLink, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../common/problem';
import { useLoaded } from '../../orders/useLoaded';
import { BatchReceipt } from './BatchReceipt';
import { draftKey } from './draft';
import { EditUsersForm } from './EditUsersForm';
import { massOrderRoutes, RECEIPT_PARAM } from './routes';
import type { PlacedBatch } from './types';
import { useMassOrderApi } from './useMassOrderApi';

const placedIn = (state: unknown): PlacedBatch | undefined =>
  typeof state === 'object' && state !== null && 'placed' in state
    ? (state.placed as PlacedBatch)
    : undefined;

/** The assignment, then everything that works on it, or the receipt of what was just sent. */
const EditUsers = ({ assignmentId, batchId }: { assignmentId: string; batchId: string | null }) => {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const location = useLocation();
  const { identity } = useGetIdentity();
  const assignment = useLoaded(useCallback(() => api.getMassAssignment(assignmentId), [api, assignmentId]));
  const loading = assignment.state === 'loading' || (!batchId && !identity);
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
      {batchId ? (
        <Card>
          <CardContent sx={{ p: { xs: 2, md: 3 } }}>
            <BatchReceipt assignmentId={assignmentId} batchId={batchId} placed={placedIn(location.state)} />
          </CardContent>
        </Card>
      ) : (
        <>
          {loading && <CircularProgress size={28} aria-label={translate('ra.page.loading')} />}
          {assignment.state === 'failed' && (
            <Alert severity="error">{translate(errorMessage(assignment.error))}</Alert>
          )}
          {assignment.state === 'ready' && identity && (
            <EditUsersForm
              // A draft per user and assignment: a new sign-in as someone else starts with an empty one.
              key={draftKey(identity.id, assignmentId)}
              assignment={assignment.value}
              storageKey={draftKey(identity.id, assignmentId)}
            />
          )}
        </>
      )}
    </>
  );
};

/**
 * "Redigera användare" for one assignment: its members, people to add, and the send (seeds/000).
 * `?kvitto=<batch>` shows the receipt of a sent batch instead, so that Back from the receipt goes one
 * step back, to the (then empty) page, and a reload of the receipt shows it again.
 */
export default function EditUsersPage() {
  const translate = useTranslate();
  const { assignmentId = '' } = useParams<'assignmentId'>();
  const [params] = useSearchParams();
  const batchId = params.get(RECEIPT_PARAM);
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.massOrder.title" />
      <Button component={RouterLink} to={massOrderRoutes.tree} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {translate('beh.massOrder.tree.heading')}
      </Button>
      <EditUsers key={`${assignmentId}:${batchId ?? ''}`} assignmentId={assignmentId} batchId={batchId} />
    </Box>
  );
}
