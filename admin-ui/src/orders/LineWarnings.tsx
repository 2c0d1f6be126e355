import { Alert, Box } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A warning of an order line as the API gives it (`items[].warnings`). */
export interface LineWarningView {
  code: string;
  message: string;
}

const lines = (items: readonly { warnings?: readonly LineWarningView[] }[] | undefined) =>
  (items ?? []).filter((item) => (item.warnings?.length ?? 0) > 0).length;

/**
 * The warnings the orderer confirmed for one line (domain.md rule 2d, Engagement elsewhere is a
 * warning): shown on the line, as a warning and not an error, since the order is allowed. The text
 * follows the chosen language by its code; an unknown code shows the server's own message.
 */
export const LineWarnings = ({ warnings }: { warnings?: readonly LineWarningView[] }) => {
  const translate = useTranslate();
  if (!warnings?.length) return null;
  return (
    <Box sx={{ mt: 0.5 }}>
      {warnings.map((w) => (
        <Alert
          key={w.code}
          severity="warning"
          variant="outlined"
          data-warning-code={w.code}
          sx={{ py: 0, mt: 0.5, '& .MuiAlert-message': { py: 0.75 } }}
        >
          <strong>{translate('beh.orderWarnings.label')}:</strong>{' '}
          {translate(`beh.orderWarnings.code.${w.code}`, { _: w.message })}
        </Alert>
      ))}
    </Box>
  );
};

/**
 * Above the order: that some lines carry a confirmed warning, and why it is a warning and not a
 * refusal. `attest`: worded for the attestant, who should look before signing.
 */
export const WarningsSummary = ({
  items,
  attest = false,
}: {
  items: readonly { warnings?: readonly LineWarningView[] }[] | undefined;
  attest?: boolean;
}) => {
  const translate = useTranslate();
  const count = lines(items);
  if (count === 0) return null;
  return (
    <Alert severity="warning" sx={{ mt: 2 }} data-testid="order-warnings-summary">
      {translate(attest ? 'beh.orderWarnings.summaryAttest' : 'beh.orderWarnings.summaryOrder', {
        smart_count: count,
      })}
      {attest ? ' ' : '. '}
      {translate('beh.orderWarnings.why')}
    </Alert>
  );
};
