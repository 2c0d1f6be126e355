import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { SystemGuideEntry } from '../../types';

/** "Vilket uppdrag behöver jag?": the systems guide, which assignment a system needs. */
export const SystemsGuidePanel = () => {
  const translate = useTranslate();
  const {
    data = [],
    error,
    isPending,
  } = useGetList<SystemGuideEntry>('systems', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'systemName', order: 'ASC' },
  });
  return (
    <Accordion variant="outlined" sx={{ mt: 3, maxWidth: 900 }} disableGutters>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="systems-guide"
        id="systems-guide-header"
      >
        <Typography component="span" sx={{ fontWeight: 500 }}>
          {translate('beh.wizard.guide.title')}
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="systems-guide">
        <Typography variant="body2" gutterBottom>
          {translate('beh.wizard.guide.intro')}
        </Typography>
        {error ? (
          <Alert severity="error">{translate('beh.wizard.guide.failed')}</Alert>
        ) : (
          <Table size="small" aria-label={translate('beh.wizard.guide.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('beh.wizard.guide.system')}</TableCell>
                <TableCell>{translate('beh.wizard.guide.assignment')}</TableCell>
                <TableCell>{translate('beh.wizard.guide.note')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {!isPending &&
                data.map((entry) => (
                  <TableRow key={entry.id}>
                    <TableCell>
                      {entry.useCase ? `${entry.systemName} – ${entry.useCase}` : entry.systemName}
                    </TableCell>
                    <TableCell>{entry.assignmentName}</TableCell>
                    <TableCell>{entry.note}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        )}
        <Typography variant="caption" component="p" sx={{ mt: 1 }}>
          {translate('beh.wizard.guide.abbreviations')}
        </Typography>
      </AccordionDetails>
    </Accordion>
  );
};
