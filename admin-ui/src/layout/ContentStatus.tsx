import { Alert, Box, Button, LinearProgress } from '@mui/material';
import { type Query, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useSyncExternalStore } from 'react';
import { useLoading, useNotify, useRedirect, useTranslate } from 'react-admin';
import { setRecordLoadFailureHandler } from '../common/loadFailure';
import { errorMessage, isUnavailable } from '../common/problem';

/**
 * A query a page shows that failed because BEH could not be reached or failed itself (not a
 * refusal such as 403 or 404, which the page explains): what is on screen from it is not current.
 */
const isFailedShownQuery = (query: Query): boolean =>
  query.getObserversCount() > 0 && query.state.status === 'error' && isUnavailable(query.state.error);

interface Failure {
  /** The i18n key or server text of the first failure: what happened and what to do. */
  message: string;
  /** Whether the page still shows data from before the failure (react-query keeps it on a failed refetch). */
  keptData: boolean;
}

/** A snapshot string, so useSyncExternalStore compares by value and re-renders only on a change. */
function failureSnapshot(queries: Query[]): string {
  const failed = queries.filter(isFailedShownQuery);
  if (failed.length === 0) return '';
  const failure: Failure = {
    message: errorMessage(failed[0].state.error),
    keptData: failed.some((query) => query.state.data !== undefined),
  };
  return JSON.stringify(failure);
}

function useFailure(): Failure | undefined {
  const client = useQueryClient();
  const cache = client.getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const snapshot = useSyncExternalStore(subscribe, () => failureSnapshot(cache.getAll()));
  return snapshot ? (JSON.parse(snapshot) as Failure) : undefined;
}

/**
 * A show or edit page whose record could not be loaded (common/loadFailure.ts): after an outage
 * the page stays, with what it showed, and the banner below explains; a record that is not there
 * (404, 403) gets react-admin's own reaction, "Uppgiften finns inte" and back to the list.
 */
function useRecordLoadFailure(): void {
  const notify = useNotify();
  const redirect = useRedirect();
  useEffect(
    () =>
      setRecordLoadFailureHandler((error) => {
        if (isUnavailable(error)) return;
        notify('ra.notification.item_doesnt_exist', { type: 'error' });
        const resource = /^#\/([^/?]+)/.exec(window.location.hash)?.[1];
        if (resource) redirect('list', resource);
      }),
    [notify, redirect],
  );
}

/**
 * The content area's status for every page (the shared layout, so no screen needs its own):
 *
 * - a progress bar at the top of the content while anything loads (not only in the app bar);
 * - when a request a page shows failed for want of BEH (network or a 5xx), a message saying what
 *   happened and what to do, with "Försök igen"; the data still shown is marked as not current
 *   (a banner, and a striped grey background around it), and an empty-list text ("Inga
 *   beställningar") is hidden, as the list is not known to be empty.
 */
export function ContentStatus({ children }: { children: ReactNode }) {
  const translate = useTranslate();
  const client = useQueryClient();
  const loading = useLoading();
  const failure = useFailure();
  useRecordLoadFailure();
  const retry = () => void client.refetchQueries({ predicate: isFailedShownQuery });
  return (
    <>
      {/* A fixed height, so the page does not jump when loading starts and ends. */}
      <Box sx={{ height: 4, mx: 1 }} data-testid="content-progress">
        {loading && <LinearProgress aria-label={translate('beh.a11y.loading')} />}
      </Box>
      {failure && (
        <Alert
          severity="warning"
          role="alert"
          sx={{ mx: 1, mt: 1 }}
          data-testid="content-failure"
          action={
            <Button color="inherit" size="small" onClick={retry}>
              {translate('beh.error.retry')}
            </Button>
          }
        >
          {translate(failure.message, { _: failure.message })}{' '}
          {translate(failure.keptData ? 'beh.error.stale' : 'beh.error.notLoaded')}
        </Alert>
      )}
      <Box
        className={failure ? 'beh-not-current' : undefined}
        sx={{
          display: 'flex',
          flexDirection: 'column',
          flexGrow: 1,
          '&.beh-not-current': {
            backgroundImage:
              'repeating-linear-gradient(135deg, transparent 0 12px, rgba(0, 0, 0, 0.05) 12px 24px)',
            filter: 'grayscale(1)',
          },
          // The list's "no results" text (react-admin's ListNoResults, the card's only content):
          // after a failed load the list is not known to be empty.
          '&.beh-not-current .RaList-content > .MuiCardContent-root': { display: 'none' },
        }}
      >
        {children}
      </Box>
    </>
  );
}
