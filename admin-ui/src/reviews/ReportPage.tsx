import DownloadIcon from '@mui/icons-material/GetApp';
import PrintIcon from '@mui/icons-material/Print';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  TextField,
  GlobalStyles,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, usePermissions, useTranslate } from 'react-admin';
import type { Me } from '../auth/types';
import { useParams } from 'react-router-dom';
import { formatTimestamp } from '../common/dates';
import { errorMessage } from '../common/problem';
import { placeOf, type ReviewPlace, reviewsApi } from './api';

/** On paper: the report only, without the menu, the app bar and the buttons. */
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        'header, .RaSidebar-fixed, .MuiDrawer-root, [data-no-print]': { display: 'none !important' },
        '.RaLayout-content': { padding: '0 !important' },
      },
    }}
  />
);

/**
 * "Byt granskare": the unit's (verksamhet's) head, or an administrator, hands its unsigned items
 * to someone with attest rights there, a delegate with ATTEST; the server checks it again.
 */
function ChangeReviewer({
  campaignId,
  place,
  reviewerId,
  onClose,
}: {
  campaignId: string;
  place: ReviewPlace;
  reviewerId: string | null;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const client = useQueryClient();
  const [chosen, setChosen] = useState(reviewerId ?? '');
  const [error, setError] = useState<unknown>();
  const { data: candidates } = useQuery({
    queryKey: ['review-reviewers', campaignId, place.id],
    queryFn: () => reviewsApi.reviewers(campaignId, place),
  });
  const save = async () => {
    try {
      const detail = await reviewsApi.assignReviewer(campaignId, place, chosen);
      client.setQueryData(['review-campaign', campaignId], detail);
      onClose();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="change-reviewer-title">
      <DialogTitle id="change-reviewer-title">
        {translate('beh.reviews.reportPage.changeReviewer')}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {translate('beh.reviews.reportPage.changeReviewerText', { unit: place.name })}
        </DialogContentText>
        {error ? (
          <Alert severity="error" role="alert" sx={{ my: 1 }}>
            {translate(errorMessage(error), { _: errorMessage(error) })}
          </Alert>
        ) : null}
        <TextField
          select
          fullWidth
          margin="dense"
          label={translate('beh.reviews.reportPage.reviewer')}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
        >
          {(candidates ?? []).map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.name} ({c.userId}){c.title ? `, ${c.title}` : ''}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('beh.reviews.page.cancel')}</Button>
        <Button variant="contained" disabled={!chosen || chosen === reviewerId} onClick={() => void save()}>
          {translate('beh.reviews.reportPage.changeReviewerConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The campaign's report (issue 17): per unit the holdings, how many are kept, removed and not
 * reviewed, who reviews and when they last signed; the CSV of every line and a printable page.
 * Administrators, auditors and the creator see every unit; a head of unit their own.
 */
export default function ReportPage() {
  const translate = useTranslate();
  const { id = '' } = useParams();
  const { permissions: me } = usePermissions<Me>();
  const [changing, setChanging] = useState<string | null>(null);
  const { data, error, isPending } = useQuery({
    queryKey: ['review-campaign', id],
    queryFn: () => reviewsApi.campaign(id),
  });
  if (isPending) return <LinearProgress sx={{ mt: 2 }} aria-label={translate('beh.a11y.loading')} />;
  if (error || !data) {
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {translate(errorMessage(error), { _: errorMessage(error) })}
      </Alert>
    );
  }
  const mayChange = (place: ReviewPlace) =>
    data.status === 'ACTIVE' &&
    ((me?.roles.administrator ?? false) ||
      (place.kind === 'VMU'
        ? (me?.units ?? []).some((u) => u.careUnitId === place.id && u.via.includes('HEAD'))
        : (me?.operations ?? []).some((o) => o.operationId === place.id && o.via.includes('HEAD'))));
  const lines = data.units.map((u) => ({ ...u, place: placeOf(u) }));
  const changingLine = lines.find((u) => u.place.id === changing);
  const hasTemplates = lines.some((u) => u.kind === 'ACCESS');
  const totals = data.units.reduce(
    (sum, u) => ({
      items: sum.items + u.items,
      kept: sum.kept + u.kept,
      removed: sum.removed + u.removed,
      undecided: sum.undecided + u.undecided,
    }),
    { items: 0, kept: 0, removed: 0, undecided: 0 },
  );
  return (
    <Box sx={{ mt: 1 }}>
      {printStyles}
      <Title title="beh.reviews.title" />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5">
            {translate('beh.reviews.reportPage.title', { name: data.name })}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate(`beh.reviews.content.${data.content}`)} ·{' '}
            {translate(`beh.reviews.scopeFor.${data.content}.${data.scopeKind}`)} ·{' '}
            {translate('beh.reviews.period', { start: data.startDate, due: data.dueDate })} ·{' '}
            {translate(`beh.reviews.status.${data.status}`)}
          </Typography>
          <Typography variant="body2">
            {translate(data.content === 'VMU' ? 'beh.reviews.dates' : 'beh.reviews.datesAny', {
              due: data.dueDate,
              revoke: data.revokeDate,
            })}{' '}
            {translate(`beh.reviews.${data.content === 'VMU' ? 'rule' : 'ruleAny'}.${data.undecidedRule}`)}
          </Typography>
          <Typography variant="body2">
            {translate('beh.reviews.reportPage.created', {
              at: formatTimestamp(data.createdAt).slice(0, 16),
              by: data.createdByName ?? '',
            })}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 2 }} data-no-print>
            <Button startIcon={<DownloadIcon />} href={reviewsApi.exportUrl(id)} download>
              {translate('beh.reviews.reportPage.export')}
            </Button>
            <Button startIcon={<PrintIcon />} onClick={() => window.print()}>
              {translate('beh.reviews.reportPage.print')}
            </Button>
          </Stack>
        </CardContent>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate('beh.reviews.reportPage.title', { name: data.name })}>
            <TableHead>
              <TableRow>
                <TableCell>
                  {translate(hasTemplates ? 'beh.reviews.reportPage.place' : 'beh.reviews.reportPage.unit')}
                </TableCell>
                <TableCell>{translate('beh.reviews.reportPage.reviewer')}</TableCell>
                <TableCell align="right">{translate('beh.reviews.reportPage.items')}</TableCell>
                <TableCell align="right">{translate('beh.reviews.reportPage.kept')}</TableCell>
                <TableCell align="right">{translate('beh.reviews.reportPage.removed')}</TableCell>
                <TableCell align="right">{translate('beh.reviews.reportPage.undecided')}</TableCell>
                <TableCell>{translate('beh.reviews.reportPage.lastSigned')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((u) => (
                <TableRow key={u.place.id}>
                  <TableCell>
                    {u.kind === 'ACCESS'
                      ? translate('beh.reviews.reportPage.operation', { name: u.place.name })
                      : u.place.name}
                  </TableCell>
                  <TableCell>
                    {u.reviewerName ?? translate('beh.reviews.reportPage.noReviewer')}
                    {mayChange(u.place) && (
                      <Button
                        size="small"
                        sx={{ ml: 1 }}
                        data-no-print
                        onClick={() => setChanging(u.place.id)}
                      >
                        {translate('beh.reviews.reportPage.changeReviewer')}
                      </Button>
                    )}
                  </TableCell>
                  <TableCell align="right">{u.items}</TableCell>
                  <TableCell align="right">{u.kept}</TableCell>
                  <TableCell align="right">{u.removed}</TableCell>
                  <TableCell align="right">{u.undecided}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {u.lastSignedAt ? formatTimestamp(u.lastSignedAt).slice(0, 16) : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableCell colSpan={2}>{translate('beh.reviews.reportPage.total')}</TableCell>
                <TableCell align="right">{totals.items}</TableCell>
                <TableCell align="right">{totals.kept}</TableCell>
                <TableCell align="right">{totals.removed}</TableCell>
                <TableCell align="right">{totals.undecided}</TableCell>
                <TableCell />
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      </Card>
      {changingLine && (
        <ChangeReviewer
          campaignId={id}
          place={changingLine.place}
          reviewerId={changingLine.reviewerId}
          onClose={() => setChanging(null)}
        />
      )}
    </Box>
  );
}
