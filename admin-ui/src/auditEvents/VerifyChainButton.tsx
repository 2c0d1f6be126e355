import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { Button, useDataProvider, useTranslate } from 'react-admin';
import { errorMessage } from '../common/problem';
import type { BehDataProvider } from '../dataProvider';
import type { ChainVerification } from './types';

type Outcome = { kind: 'verified'; result: ChainVerification } | { kind: 'failed'; message: string };

/** "Verifiera kedjan": recomputes the hash chain on the server and says whether it holds, or where it breaks. */
export const VerifyChainButton = () => {
  const dataProvider = useDataProvider<BehDataProvider>();
  const translate = useTranslate();
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
      <Dialog open={outcome !== null} onClose={() => setOutcome(null)} aria-labelledby="verify-title">
        <DialogTitle id="verify-title">{translate('beh.auditEvents.verify.title')}</DialogTitle>
        <DialogContent>
          {outcome?.kind === 'failed' && <Alert severity="error">{outcome.message}</Alert>}
          {outcome?.kind === 'verified' &&
            (outcome.result.ok ? (
              <Alert severity="success">
                {translate('beh.auditEvents.verify.ok', { smart_count: outcome.result.count })}
              </Alert>
            ) : (
              <Alert severity="error">
                {translate('beh.auditEvents.verify.broken', {
                  id: outcome.result.firstBrokenId ?? '–',
                  count: outcome.result.count,
                  reason: translate(`beh.auditEvents.verify.reason.${outcome.result.reason}`),
                })}
                <br />
                {outcome.result.detail}
              </Alert>
            ))}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOutcome(null)} />
        </DialogActions>
      </Dialog>
    </>
  );
};
