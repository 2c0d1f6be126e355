import {
  Alert,
  Box,
  Checkbox,
  FormControlLabel,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { personLabel } from './personName';
import type { PersonRow } from './types';
import type { WarnedPerson } from './warnings';

interface Props {
  warned: WarnedPerson[];
  people: ReadonlyMap<string, PersonRow>;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}

/**
 * The check's warnings per person (soft rules) and the orderer's confirmation: a warning is no
 * refusal, as the rule has sound exceptions (someone about to start here, a locum paid elsewhere) that
 * the orderer and the attestant can judge but the register cannot.
 */
export const WarningList = ({ warned, people, confirmed, onConfirm }: Props) => {
  const translate = useTranslate();
  return (
    <Box
      component="section"
      aria-labelledby="mass-warnings-heading"
      sx={{ mt: 2 }}
      data-testid="mass-warnings"
    >
      <Alert severity="warning">
        <Typography id="mass-warnings-heading" sx={{ fontWeight: 500 }}>
          {translate('beh.massOrder.warnings.heading', { smart_count: warned.length })}
        </Typography>
        <Typography variant="body2">{translate('beh.massOrder.warnings.why')}</Typography>
      </Alert>
      <Table size="small" aria-labelledby="mass-warnings-heading" sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('beh.massOrder.check.person')}</TableCell>
            <TableCell>{translate('beh.massOrder.check.type')}</TableCell>
            <TableCell>{translate('beh.massOrder.warnings.warning')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {warned.map((person) => {
            const row = people.get(String(person.personId));
            return (
              <TableRow key={`${person.type}-${person.personId}`} data-warned={row?.userId}>
                <TableCell>{row ? personLabel(row) : String(person.personId)}</TableCell>
                <TableCell>{translate(`beh.orders.type.${person.type}`)}</TableCell>
                <TableCell>
                  {person.warnings.map((warning) => (
                    <div key={warning.code}>{warning.message}</div>
                  ))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Checkbox checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} />}
        label={translate('beh.massOrder.warnings.confirm', { smart_count: warned.length })}
      />
    </Box>
  );
};
