import { Alert, Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { type Blocked } from './blocked';
import { personLabel } from './personName';
import type { ImportReport } from './types';

export interface ImportOutcome {
  report: ImportReport;
  added: number;
  notAdded: { candidate: ImportReport['found'][number]; reason: Blocked }[];
}

const Lines = ({
  heading,
  lines,
}: {
  heading: string;
  lines: { key: string; primary: string; secondary?: string }[];
}) =>
  lines.length === 0 ? null : (
    <Box component="section" sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">
        {heading}
      </Typography>
      <List dense disablePadding sx={{ maxHeight: 220, overflowY: 'auto' }}>
        {lines.map((line) => (
          <ListItem key={line.key} disableGutters>
            <ListItemText primary={line.primary} secondary={line.secondary} />
          </ListItem>
        ))}
      </List>
    </Box>
  );

/** What the import did: how many went right, and every line that did not, with the reason. */
export const ImportReportView = ({ outcome }: { outcome: ImportOutcome }) => {
  const translate = useTranslate();
  const { report, added, notAdded } = outcome;
  const lineText = (line: number, value: string) => translate('beh.massOrder.import.line', { line, value });
  const problems = report.invalid.length + report.notFound.length;
  return (
    <Box data-testid="import-report">
      <Alert severity={problems > 0 ? 'warning' : 'success'} role="status">
        {translate('beh.massOrder.import.added', { smart_count: added })}
        {problems > 0 && ` ${translate('beh.massOrder.import.problems', { smart_count: problems })}`}
      </Alert>
      <Lines
        heading={translate('beh.massOrder.import.invalid')}
        lines={report.invalid.map((line) => ({
          key: `invalid-${line.line}-${line.value}`,
          primary: lineText(line.line, line.value),
          secondary: line.message,
        }))}
      />
      <Lines
        heading={translate('beh.massOrder.import.notFound')}
        lines={report.notFound.map((line) => ({
          key: `missing-${line.line}-${line.value}`,
          primary: lineText(line.line, line.value),
          secondary: translate('beh.massOrder.import.noSuchPerson'),
        }))}
      />
      <Lines
        heading={translate('beh.massOrder.import.notAdded')}
        lines={notAdded.map(({ candidate, reason }) => ({
          key: `blocked-${candidate.id}`,
          primary: `${lineText(candidate.line, candidate.value)}: ${personLabel(candidate)}`,
          secondary: translate(`beh.massOrder.blocked.${reason}`),
        }))}
      />
      <Lines
        heading={translate('beh.massOrder.import.duplicates')}
        lines={report.duplicates.map((line) => ({
          key: `duplicate-${line.line}-${line.value}`,
          primary: lineText(line.line, line.value),
          secondary: translate('beh.massOrder.import.duplicate'),
        }))}
      />
    </Box>
  );
};
