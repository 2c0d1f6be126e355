import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import type { PersonDetail, PersonEngagement } from '../../types';

/** Distinct non-empty values, in order: a person engaged at two units may have two cost centres. */
const distinct = (values: (string | null)[]): string =>
  [...new Set(values.filter((value): value is string => Boolean(value)))].join(', ');

/** Active engagements first; ended ones still tell the orderer where the person was. */
const byActiveFirst = (a: PersonEngagement, b: PersonEngagement) => Number(b.active) - Number(a.active);

/** "Sökningen gav följande träff": the person as the directory (KIV) has them. */
export const PersonHit = ({ person }: { person: PersonDetail }) => {
  const translate = useTranslate();
  const active = person.engagements.filter((engagement) => engagement.active);
  const engagements = [...person.engagements].sort(byActiveFirst);
  return (
    <Box component="section" aria-labelledby="person-hit" sx={{ mt: 3 }}>
      <Typography id="person-hit" variant="h6" component="h3" gutterBottom>
        {translate('beh.wizard.person.hit')}
      </Typography>
      <LabeledValues>
        <LabeledValue label="beh.wizard.person.userId">{person.userId}</LabeledValue>
        <LabeledValue label="beh.wizard.person.firstName">{person.firstName}</LabeledValue>
        <LabeledValue label="beh.wizard.person.lastName">{person.lastName}</LabeledValue>
        <LabeledValue label="beh.wizard.person.costCentre">
          {distinct(active.map((engagement) => engagement.costCentre))}
        </LabeledValue>
        <LabeledValue label="beh.wizard.person.title">
          {person.title ?? distinct(active.map((engagement) => engagement.title))}
        </LabeledValue>
        <LabeledValue label="beh.wizard.person.hsaId" noWrap>
          {person.hsaId}
        </LabeledValue>
      </LabeledValues>
      <Typography variant="subtitle1" component="h4" sx={{ mt: 3, mb: 1 }}>
        {translate('beh.wizard.person.engagements')}
      </Typography>
      {engagements.length === 0 ? (
        <Typography variant="body2">{translate('beh.wizard.person.noEngagements')}</Typography>
      ) : (
        <Table size="small" sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('beh.wizard.person.careUnit')}</TableCell>
              <TableCell>{translate('beh.wizard.person.administration')}</TableCell>
              <TableCell>{translate('beh.wizard.person.costCentre')}</TableCell>
              <TableCell>{translate('beh.wizard.person.validity')}</TableCell>
              <TableCell>{translate('beh.wizard.person.engagementStatus')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {engagements.map((engagement) => (
              <TableRow key={engagement.id}>
                <TableCell>{engagement.careUnitName}</TableCell>
                <TableCell>{engagement.administrationName}</TableCell>
                <TableCell>{engagement.costCentre ?? translate('beh.empty')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {engagement.validFrom} – {engagement.validTo ?? ''}
                </TableCell>
                <TableCell>
                  <StatusChip
                    tone={engagement.active ? 'success' : 'neutral'}
                    label={translate(
                      engagement.active ? 'beh.wizard.person.active' : 'beh.wizard.person.ended',
                    )}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
