import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Link,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { listenForSigned, openSigningWindow } from '../attest/signingWindow';
import { formatTimestamp } from '../common/dates';
import { errorMessage } from '../common/problem';
import { type DecisionLine, holdingOf, placeOf, type ReviewerPage, type ReviewItem, reviewsApi } from './api';
import { reviewRoutes } from './routes';

type State = 'all' | 'open' | 'draft' | 'signed';
/** Rows drawn at once: a reviewer may have thousands; "Visa fler" draws the next. */
const PAGE = 200;

const stateOf = (item: ReviewItem): Exclude<State, 'all'> =>
  item.signedAt ? 'signed' : item.decision ? 'draft' : 'open';

/** The signing of the reviewer's decisions: the window, then the server's word that it is signed. */
function useReviewSigning(campaignId: string, onSigned: () => void) {
  const [requestId, setRequestId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const signed = useRef(onSigned);
  useEffect(() => {
    signed.current = onSigned;
  });
  useEffect(() => {
    if (!requestId) return;
    let active = true;
    const check = async () => {
      const status = await reviewsApi.signStatus(requestId).catch(() => undefined);
      if (!active || !status || status.status === 'PENDING') return;
      active = false;
      setRequestId(undefined);
      if (status.status === 'SIGNED') signed.current();
      else setError(new Error(status.failureMessage || `beh.attest.signing.${status.status}`));
    };
    const stop = listenForSigned(requestId, () => void check());
    const poll = setInterval(() => void check(), 3000);
    return () => {
      active = false;
      stop();
      clearInterval(poll);
    };
  }, [requestId]);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await reviewsApi.signRequest(campaignId);
      openSigningWindow(created.signingUrl, created.requestId);
      setRequestId(created.requestId);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { start, waiting: requestId !== undefined, busy, error, reopen: requestId };
}

/**
 * The reviewer's page (issue 17): their holdings of the campaign by unit and assignment (and by
 * verksamhet and template for the local and regional systems' templates), with
 * the person, title, engagement (an ended one flagged), since when, the last order; Behåll / Ta
 * bort per line and for the ticked lines (Ta bort asks for the required comment). Each decision is
 * saved at once, as a draft with no effect; "Signera" signs every unsigned one with one signature.
 */
export default function ReviewPage() {
  const translate = useTranslate();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const key = ['review-page', id];
  const { data, error, isPending } = useQuery({ queryKey: key, queryFn: () => reviewsApi.page(id) });
  const [unit, setUnit] = useState('');
  const [state, setState] = useState<State>('all');
  const [endedOnly, setEndedOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [removing, setRemoving] = useState<string[] | null>(null);
  const [comment, setComment] = useState('');
  const [saveError, setSaveError] = useState<unknown>();
  const [justSigned, setJustSigned] = useState(false);
  const signing = useReviewSigning(id, () => {
    setJustSigned(true);
    void client.invalidateQueries({ queryKey: key });
  });

  const items = useMemo(() => data?.items ?? [], [data]);
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const item of items) {
      const place = placeOf(item);
      seen.set(place.id, place.name);
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [items]);
  const words = search.trim().toLowerCase();
  const shown = useMemo(
    () =>
      items.filter(
        (i) =>
          (!unit || placeOf(i).id === unit) &&
          (state === 'all' || stateOf(i) === state) &&
          (!endedOnly || !i.engagementActive) &&
          (!words || `${i.personName} ${i.personUserId}`.toLowerCase().includes(words)),
      ),
    [items, unit, state, endedOnly, words],
  );
  const drawn = shown.slice(0, limit);
  const active = data?.campaign.status === 'ACTIVE';
  const unsigned = items.filter((i) => i.decision && !i.signedAt).length;

  /** Saves decisions and lays the answer over the page: no reload of thousands of rows. */
  const decide = async (lines: DecisionLine[]) => {
    setSaveError(undefined);
    setJustSigned(false);
    try {
      const progress = await reviewsApi.decide(id, lines);
      const byId = new Map(lines.map((l) => [l.itemId, l]));
      client.setQueryData<ReviewerPage>(key, (page) =>
        page
          ? {
              ...page,
              progress,
              items: page.items.map((i) => {
                const line = byId.get(i.id);
                return line
                  ? {
                      ...i,
                      decision: line.decision,
                      comment: line.decision === 'REMOVE' ? (line.comment ?? null) : null,
                      decidedAt: line.decision ? new Date().toISOString() : null,
                    }
                  : i;
              }),
            }
          : page,
      );
      setTicked(new Set());
    } catch (failure) {
      setSaveError(failure);
    }
  };
  const openable = (ids: string[]) => ids.filter((itemId) => !items.find((i) => i.id === itemId)?.signedAt);
  const keep = (ids: string[]) => void decide(openable(ids).map((itemId) => ({ itemId, decision: 'KEEP' })));
  const askRemove = (ids: string[]) => {
    setComment('');
    setRemoving(openable(ids));
  };
  const confirmRemove = () => {
    if (!removing || !comment.trim()) return;
    void decide(removing.map((itemId) => ({ itemId, decision: 'REMOVE', comment: comment.trim() })));
    setRemoving(null);
  };

  if (isPending) return <LinearProgress sx={{ mt: 2 }} aria-label={translate('beh.a11y.loading')} />;
  if (error || !data) {
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {translate(errorMessage(error), { _: errorMessage(error) })}
      </Alert>
    );
  }
  const { campaign, progress } = data;
  const percent = progress.total ? Math.round((progress.decided / progress.total) * 100) : 0;
  const tickable = drawn.filter((i) => !i.signedAt);
  const allTicked = tickable.length > 0 && tickable.every((i) => ticked.has(i.id));

  const groupOf = (item: ReviewItem) =>
    item.kind === 'ACCESS'
      ? translate('beh.reviews.page.templateGroup', {
          operation: placeOf(item).name,
          template: holdingOf(item),
        })
      : `${placeOf(item).name} – ${holdingOf(item)}`;
  const hasTemplates = items.some((i) => i.kind === 'ACCESS');
  const removingTemplates =
    removing !== null && removing.every((itemId) => items.find((i) => i.id === itemId)?.kind === 'ACCESS');
  return (
    <Box sx={{ mt: 1 }}>
      <Title title="beh.reviews.title" />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5">
            {campaign.name}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate(campaign.content === 'VMU' ? 'beh.reviews.dates' : 'beh.reviews.datesAny', {
              due: campaign.dueDate,
              revoke: campaign.revokeDate,
            })}{' '}
            {translate(
              `beh.reviews.${campaign.content === 'VMU' ? 'rule' : 'ruleAny'}.${campaign.undecidedRule}`,
            )}
          </Typography>
          <Link component={RouterLink} to={reviewRoutes.report(id)} variant="body2">
            {translate('beh.reviews.report')}
          </Link>
          {campaign.status === 'CLOSED' && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('beh.reviews.page.closed')}
            </Alert>
          )}
          {campaign.status === 'PLANNED' && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('beh.reviews.page.planned')}
            </Alert>
          )}
          {items.length === 0 && campaign.status !== 'PLANNED' && (
            <Typography sx={{ mt: 2 }}>{translate('beh.reviews.page.notReviewer')}</Typography>
          )}
          {items.length > 0 && (
            <Box sx={{ mt: 2 }}>
              <Typography component="p" variant="h6" role="status" aria-live="polite">
                {translate('beh.reviews.progress', { decided: progress.decided, total: progress.total })}
                {' · '}
                {translate('beh.reviews.signedCount', { signed: progress.signed })}
              </Typography>
              <LinearProgress
                variant="determinate"
                value={percent}
                sx={{ height: 8, borderRadius: 1, mt: 1, maxWidth: 480 }}
                aria-label={translate('beh.reviews.progress', {
                  decided: progress.decided,
                  total: progress.total,
                })}
              />
            </Box>
          )}
        </CardContent>
      </Card>

      {items.length > 0 && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
              <TextField
                select
                size="small"
                label={translate(hasTemplates ? 'beh.reviews.page.place' : 'beh.reviews.page.unit')}
                value={unit}
                onChange={(e) => setUnit(e.target.value)}
                sx={{ minWidth: 220 }}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">
                  {translate(hasTemplates ? 'beh.reviews.page.allPlaces' : 'beh.reviews.page.allUnits')}
                </MenuItem>
                {units.map((u) => (
                  <MenuItem key={u.value} value={u.value}>
                    {u.label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                size="small"
                label={translate('beh.reviews.page.state')}
                value={state}
                onChange={(e) => setState(e.target.value as State)}
                sx={{ minWidth: 220 }}
              >
                <MenuItem value="all">{translate('beh.reviews.page.stateAll')}</MenuItem>
                <MenuItem value="open">{translate('beh.reviews.page.stateOpen')}</MenuItem>
                <MenuItem value="draft">{translate('beh.reviews.page.stateDraft')}</MenuItem>
                <MenuItem value="signed">{translate('beh.reviews.page.stateSigned')}</MenuItem>
              </TextField>
              <TextField
                size="small"
                label={translate('beh.reviews.page.search')}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
              <FormControlLabel
                control={<Checkbox checked={endedOnly} onChange={(e) => setEndedOnly(e.target.checked)} />}
                label={translate('beh.reviews.page.endedOnly')}
              />
            </Stack>
            {active && (
              <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2">
                  {translate('beh.reviews.page.selected', { smart_count: ticked.size })}
                </Typography>
                <Button
                  size="small"
                  variant="outlined"
                  disabled={ticked.size === 0}
                  onClick={() => keep([...ticked])}
                >
                  {translate('beh.reviews.page.keepSelected')}
                </Button>
                <Button
                  size="small"
                  variant="outlined"
                  color="error"
                  disabled={ticked.size === 0}
                  onClick={() => askRemove([...ticked])}
                >
                  {translate('beh.reviews.page.removeSelected')}
                </Button>
              </Stack>
            )}
            {saveError ? (
              <Alert severity="error" role="alert" sx={{ mt: 2 }}>
                {translate(errorMessage(saveError), { _: errorMessage(saveError) })}
              </Alert>
            ) : null}
          </CardContent>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={campaign.name}>
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    {active && (
                      <Checkbox
                        checked={allTicked}
                        disabled={tickable.length === 0}
                        onChange={(e) =>
                          setTicked(e.target.checked ? new Set(tickable.map((i) => i.id)) : new Set())
                        }
                        slotProps={{ input: { 'aria-label': translate('beh.reviews.page.selectAll') } }}
                      />
                    )}
                  </TableCell>
                  <TableCell>{translate('beh.reviews.page.person')}</TableCell>
                  <TableCell>{translate('beh.reviews.page.title')}</TableCell>
                  <TableCell>{translate('beh.reviews.page.engagement')}</TableCell>
                  <TableCell>{translate('beh.reviews.page.since')}</TableCell>
                  <TableCell>{translate('beh.reviews.page.lastOrder')}</TableCell>
                  <TableCell>{translate('beh.reviews.page.decision')}</TableCell>
                  <TableCell>{translate('beh.reviews.page.comment')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {drawn.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={8}>{translate('beh.reviews.page.none')}</TableCell>
                  </TableRow>
                )}
                {drawn.map((item, n) => {
                  const group = groupOf(item);
                  const heading =
                    n === 0 || group !== groupOf(drawn[n - 1]) ? (
                      <TableRow key={`${item.id}-group`}>
                        <TableCell colSpan={8} sx={{ bgcolor: 'action.hover' }}>
                          <Typography component="h2" variant="subtitle2">
                            {group}
                          </Typography>
                        </TableCell>
                      </TableRow>
                    ) : null;
                  const name = `${item.personName} (${item.personUserId})`;
                  return [
                    heading,
                    <TableRow key={item.id} data-item={item.personUserId} hover>
                      <TableCell padding="checkbox">
                        {active && !item.signedAt && (
                          <Checkbox
                            checked={ticked.has(item.id)}
                            onChange={(e) => {
                              const next = new Set(ticked);
                              if (e.target.checked) next.add(item.id);
                              else next.delete(item.id);
                              setTicked(next);
                            }}
                            slotProps={{
                              input: {
                                'aria-label': translate('beh.reviews.page.select', {
                                  name: `${name}, ${holdingOf(item)}`,
                                }),
                              },
                            }}
                          />
                        )}
                      </TableCell>
                      <TableCell>{name}</TableCell>
                      <TableCell>
                        {item.title ?? ''}
                        {item.kind === 'ACCESS' && item.professionName && (
                          <Typography variant="caption" component="div">
                            {translate('beh.reviews.page.profession', { profession: item.professionName })}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {item.engagementActive ? (
                          translate('beh.reviews.page.engaged')
                        ) : (
                          <Chip
                            size="small"
                            label={translate('beh.reviews.page.ended')}
                            sx={{ bgcolor: 'warning.light', color: 'common.black' }}
                          />
                        )}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{item.heldFrom}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {item.lastOrderNumber ?? translate('beh.reviews.page.noOrder')}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {item.signedAt ? (
                          <span>
                            {translate(
                              item.decision === 'REMOVE'
                                ? 'beh.reviews.page.remove'
                                : 'beh.reviews.page.keep',
                            )}
                            {' – '}
                            {translate('beh.reviews.page.signed')}{' '}
                            {formatTimestamp(item.signedAt).slice(0, 16)}
                            {item.revokeOrderNumber && (
                              <Typography variant="caption" component="div">
                                {translate('beh.reviews.page.revokeOrder', { order: item.revokeOrderNumber })}
                              </Typography>
                            )}
                          </span>
                        ) : active ? (
                          <ToggleButtonGroup
                            size="small"
                            exclusive
                            value={item.decision}
                            aria-label={`${translate('beh.reviews.page.decision')}: ${name}, ${holdingOf(item)}`}
                            onChange={(_e, value: 'KEEP' | 'REMOVE' | null) => {
                              if (value === 'KEEP') keep([item.id]);
                              else if (value === 'REMOVE') askRemove([item.id]);
                              else void decide([{ itemId: item.id, decision: null }]);
                            }}
                          >
                            <ToggleButton value="KEEP" color="success">
                              {translate('beh.reviews.page.keep')}
                            </ToggleButton>
                            <ToggleButton value="REMOVE" color="error">
                              {translate('beh.reviews.page.remove')}
                            </ToggleButton>
                          </ToggleButtonGroup>
                        ) : (
                          translate(
                            item.decision === 'REMOVE'
                              ? 'beh.reviews.page.remove'
                              : item.decision === 'KEEP'
                                ? 'beh.reviews.page.keep'
                                : 'beh.reviews.page.stateOpen',
                          )
                        )}
                      </TableCell>
                      <TableCell>{item.comment ?? ''}</TableCell>
                    </TableRow>,
                  ];
                })}
              </TableBody>
            </Table>
          </Box>
          <CardContent>
            <Typography variant="body2">
              {translate('beh.reviews.page.shown', { shown: drawn.length, total: shown.length })}
            </Typography>
            {shown.length > drawn.length && (
              <Button size="small" onClick={() => setLimit(limit + PAGE)}>
                {translate('beh.reviews.page.more')}
              </Button>
            )}
          </CardContent>
        </Card>
      )}

      {items.length > 0 && active && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <Typography variant="body2" sx={{ mb: 1, maxWidth: '70ch' }}>
              {translate('beh.reviews.page.signHelp')}
            </Typography>
            {justSigned && (
              <Alert severity="success" role="status" sx={{ mb: 1 }}>
                {translate('beh.reviews.page.signed_done')}
              </Alert>
            )}
            {signing.error ? (
              <Alert severity="error" role="alert" sx={{ mb: 1 }}>
                {translate(errorMessage(signing.error), { _: errorMessage(signing.error) })}
              </Alert>
            ) : null}
            {signing.waiting && (
              <Alert severity="info" role="status" sx={{ mb: 1 }}>
                {translate('beh.attest.signing.waiting')}
              </Alert>
            )}
            <Button
              variant="contained"
              disabled={unsigned === 0 || signing.busy || signing.waiting}
              onClick={() => void signing.start()}
            >
              {translate('beh.reviews.page.sign', { smart_count: unsigned })}
            </Button>
          </CardContent>
        </Card>
      )}

      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        aria-labelledby="review-remove-title"
      >
        <DialogTitle id="review-remove-title">
          {translate(
            removingTemplates ? 'beh.reviews.page.removeTemplateTitle' : 'beh.reviews.page.removeTitle',
          )}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {translate(
              removingTemplates ? 'beh.reviews.page.removeTemplateText' : 'beh.reviews.page.removeText',
              {
                smart_count: removing?.length ?? 0,
              },
            )}
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label={translate('beh.reviews.page.removeComment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            required
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRemoving(null)}>{translate('beh.reviews.page.cancel')}</Button>
          <Button color="error" variant="contained" disabled={!comment.trim()} onClick={confirmRemove}>
            {translate('beh.reviews.page.removeConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
