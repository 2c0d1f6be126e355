import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import {
  Alert,
  Box,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  LinearProgress,
  Typography,
} from '@mui/material';
import { type MouseEvent, useCallback, useEffect, useState } from 'react';
import { Button, Link, useCreatePath, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { errorMessage } from '../common/problem';
import type { BehDataProvider } from '../dataProvider';
import type { ChainVerification, VerifyRun } from './types';

type Outcome = { kind: 'verified'; result: ChainVerification } | { kind: 'failed'; message: string };

/** How often a running full verification's progress is read. */
const POLL_MS = 1000;

const useNumber = () => {
  const [locale] = useLocaleState();
  return (n: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'sv-SE');
};

/** A link to an event of the log (the first broken one). */
const EventLink = ({ id }: { id: string }) => {
  const createPath = useCreatePath();
  const translate = useTranslate();
  return (
    <Link
      to={createPath({ resource: 'audit-events', type: 'show', id })}
      onClick={(click: MouseEvent) => click.stopPropagation()}
    >
      {translate('beh.auditEvents.verify.openEvent', { id })}
    </Link>
  );
};

/** What the incremental check recomputed: from the start, since the checkpoint, or up to its time limit. */
const Coverage = ({ result }: { result: ChainVerification }) => {
  const translate = useTranslate();
  const number = useNumber();
  const { covered } = result;
  if (covered.brokenByRunId) {
    return <>{translate('beh.auditEvents.verify.brokenByRun', { run: covered.brokenByRunId })}</>;
  }
  const lines: string[] = [];
  if (!covered.checkpoint) {
    if (covered.fromId && covered.toId) {
      lines.push(translate('beh.auditEvents.verify.fromStart', { from: covered.fromId, to: covered.toId }));
    }
  } else {
    const since = {
      checkpoint: covered.checkpoint.eventId,
      at: formatTimestamp(covered.checkpoint.verifiedAt),
    };
    lines.push(
      covered.fromId && covered.toId
        ? translate('beh.auditEvents.verify.sinceCheckpoint', {
            ...since,
            from: covered.fromId,
            to: covered.toId,
            n: number(covered.checked),
          })
        : translate('beh.auditEvents.verify.nothingNew', since),
    );
    lines.push(translate('beh.auditEvents.verify.beforeCheckpoint'));
  }
  if (!covered.complete) {
    lines.push(
      translate('beh.auditEvents.verify.incomplete', {
        to: covered.toId ?? '–',
        head: covered.headId ?? '–',
      }),
    );
  }
  return (
    <>
      {lines.map((line) => (
        <Typography key={line} variant="body2" sx={{ mt: 1 }}>
          {line}
        </Typography>
      ))}
    </>
  );
};

/** The latest full verification, its progress while it runs, and the button that starts one. */
const FullRun = () => {
  const dataProvider = useDataProvider<BehDataProvider>();
  const translate = useTranslate();
  const number = useNumber();
  const [run, setRun] = useState<VerifyRun | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  /** The latest run, or the run `id`; a failure becomes the message shown. */
  const load = useCallback(
    (id?: string): Promise<{ run?: VerifyRun | null; error?: string }> =>
      (id ? dataProvider.auditVerifyRun(id) : dataProvider.latestAuditVerifyRun()).then(
        (loaded) => ({ run: loaded }),
        (failure: unknown) => ({ error: translate(errorMessage(failure)) }),
      ),
    [dataProvider, translate],
  );
  const apply = useCallback((loaded: { run?: VerifyRun | null; error?: string }) => {
    if (loaded.run !== undefined) setRun(loaded.run);
    if (loaded.error) setError(loaded.error);
  }, []);

  // The latest run when the dialog opens; while it runs, its progress again every POLL_MS.
  const runningId = run?.status === 'RUNNING' ? run.id : undefined;
  useEffect(() => {
    let live = true;
    const show = (loaded: { run?: VerifyRun | null; error?: string }) => {
      if (live) apply(loaded);
    };
    if (run === undefined) {
      void load().then(show);
      return () => {
        live = false;
      };
    }
    if (!runningId) return undefined;
    const timer = setTimeout(() => void load(runningId).then(show), POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [run, runningId, load, apply]);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setRun(await dataProvider.startAuditVerifyRun());
    } catch (failure) {
      setError(translate(errorMessage(failure)));
      const latest = await load();
      if (latest.run !== undefined) setRun(latest.run);
    } finally {
      setStarting(false);
    }
  };

  const status = () => {
    if (run === undefined) return null;
    if (run === null)
      return <Typography variant="body2">{translate('beh.auditEvents.fullRun.none')}</Typography>;
    const at = formatTimestamp(run.finishedAt ?? run.startedAt);
    const count = number(run.count ?? run.checked);
    const text = translate(`beh.auditEvents.fullRun.${run.status}`, {
      id: run.id,
      at,
      checked: number(run.checked),
      total: run.total === null ? translate('beh.auditEvents.fullRun.unknownTotal') : number(run.total),
      count,
      brokenId: run.firstBrokenId ?? '–',
      reason: run.reason ? translate(`beh.auditEvents.verify.reason.${run.reason}`) : '',
      detail: run.detail ?? '',
    });
    if (run.status === 'RUNNING') {
      const percent = run.total ? Math.min(100, (100 * run.checked) / run.total) : undefined;
      return (
        <>
          <Typography variant="body2">{text}</Typography>
          <LinearProgress
            sx={{ mt: 1 }}
            variant={percent === undefined ? 'indeterminate' : 'determinate'}
            value={percent}
            aria-label={translate('beh.auditEvents.fullRun.progressLabel')}
          />
        </>
      );
    }
    return (
      <Alert severity={run.status === 'INTACT' ? 'success' : run.status === 'BROKEN' ? 'error' : 'warning'}>
        {text}
        {run.status === 'BROKEN' && run.firstBrokenId && (
          <>
            <br />
            <EventLink id={run.firstBrokenId} />
          </>
        )}
      </Alert>
    );
  };

  return (
    <Box component="section" aria-labelledby="full-verify-heading" sx={{ mt: 2 }}>
      <Typography id="full-verify-heading" variant="subtitle1" component="h3">
        {translate('beh.auditEvents.fullRun.heading')}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('beh.auditEvents.fullRun.explain')}
      </Typography>
      {status()}
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
      <Button
        sx={{ mt: 1 }}
        label="beh.auditEvents.fullRun.start"
        onClick={() => void start()}
        disabled={starting || run === undefined || run?.status === 'RUNNING'}
      >
        <VerifiedUserIcon />
      </Button>
    </Box>
  );
};

/**
 * "Verifiera kedjan": recomputes on the server what came after the last checkpoint and says whether
 * the chain holds, or where it breaks; below, the full verification from the start, in the background.
 */
export const VerifyChainButton = () => {
  const dataProvider = useDataProvider<BehDataProvider>();
  const translate = useTranslate();
  const number = useNumber();
  const [verifying, setVerifying] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const verify = async () => {
    setVerifying(true);
    try {
      setOutcome({ kind: 'verified', result: await dataProvider.verifyAuditChain() });
    } catch (error) {
      setOutcome({ kind: 'failed', message: translate(errorMessage(error)) });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <Button label="beh.auditEvents.verify.button" onClick={() => void verify()} disabled={verifying}>
        <VerifiedUserIcon />
      </Button>
      <Dialog
        open={outcome !== null}
        onClose={() => setOutcome(null)}
        aria-labelledby="verify-title"
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id="verify-title">{translate('beh.auditEvents.verify.title')}</DialogTitle>
        <DialogContent>
          {outcome?.kind === 'failed' && <Alert severity="error">{outcome.message}</Alert>}
          {outcome?.kind === 'verified' &&
            (outcome.result.ok ? (
              <Alert severity="success">
                <span>
                  {translate('beh.auditEvents.verify.ok', {
                    smart_count: outcome.result.count,
                    count: number(outcome.result.count),
                  })}
                </span>
                <Coverage result={outcome.result} />
              </Alert>
            ) : (
              <Alert severity="error">
                {translate('beh.auditEvents.verify.broken', {
                  id: outcome.result.firstBrokenId ?? '–',
                  count: number(outcome.result.count),
                  reason: translate(`beh.auditEvents.verify.reason.${outcome.result.reason}`),
                })}
                <br />
                {outcome.result.detail}
                {outcome.result.firstBrokenId && (
                  <>
                    <br />
                    <EventLink id={outcome.result.firstBrokenId} />
                  </>
                )}
                <Coverage result={outcome.result} />
              </Alert>
            ))}
          <Divider sx={{ mt: 2 }} />
          {outcome !== null && <FullRun />}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOutcome(null)} />
        </DialogActions>
      </Dialog>
    </>
  );
};
