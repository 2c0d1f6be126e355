import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { Alert, Box, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { useCallback } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import type { OrderViolation } from '../../orders/types';
import type { PersonDetail } from '../../types';
import { AttestantSelect } from './AttestantSelect';
import { engagedUnitNames, type UnitWarning } from './warnings';
import type { ChosenLine, WizardAction } from './wizardState';

interface Props {
  unit: ChosenLine['unit'];
  lines: ChosenLine[];
  person: PersonDetail;
  /** Rule 2d's warning on this unit, if it applies. */
  warning: UnitWarning | undefined;
  violations: OrderViolation[];
  attestantId: Identifier | undefined;
  showMissing: boolean;
  dispatch: (action: WizardAction) => void;
}

const violationsOf = (violations: OrderViolation[], line: ChosenLine) =>
  violations.filter((violation) => String(violation.assignmentId) === String(line.assignment.id));

/** One care unit of the summary: its lines with "Ta bort", and the attestant who approves them. */
export const ReviewUnit = (props: Props) => {
  const { unit, lines, person, warning, violations, attestantId, showMissing, dispatch } = props;
  const translate = useTranslate();
  const careUnitId = String(unit.careUnitId);
  const onOnlyAttestant = useCallback(
    (id: Identifier) => dispatch({ kind: 'defaultAttestant', careUnitId, attestantId: id }),
    [dispatch, careUnitId],
  );
  const headingId = `review-unit-${unit.careUnitId}`;
  return (
    <Card component="section" variant="outlined" aria-labelledby={headingId} sx={{ mb: 2, maxWidth: 900 }}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h4">
          {unit.careUnitName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.orders.fields.administrationName')}: {unit.administrationName}
        </Typography>
        {warning && (
          <Alert severity="warning" sx={{ mt: 1.5 }} data-warning="ENGAGEMENT_ELSEWHERE">
            {warning.serverMessage ??
              translate('beh.wizardUx.warning.elsewhere', {
                name: `${person.firstName} ${person.lastName}`,
                unit: unit.careUnitName,
                units: engagedUnitNames(person),
              })}
          </Alert>
        )}
        {lines.map((line) => (
          <Box key={line.assignment.id} data-line={line.assignment.name}>
            <Divider sx={{ my: 1.5 }} />
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              <Box sx={{ flex: 1 }}>
                <Typography sx={{ fontWeight: 500 }}>{line.assignment.name}</Typography>
                <Typography variant="body2">
                  {translate('beh.wizard.purpose')}: {translate(`beh.purpose.${line.assignment.purpose}`)}
                </Typography>
                {line.assignment.description && (
                  <Typography variant="body2" color="text.secondary">
                    {translate('beh.wizard.description')}: {line.assignment.description}
                  </Typography>
                )}
                {violationsOf(violations, line).map((violation) => (
                  <Typography key={violation.rule} variant="body2" color="error" role="alert">
                    {violation.message}
                  </Typography>
                ))}
              </Box>
              <Button
                color="error"
                startIcon={<DeleteOutlinedIcon />}
                onClick={() => dispatch({ kind: 'removeLine', assignmentId: line.assignment.id })}
                aria-label={translate('beh.wizard.removeLine', { name: line.assignment.name })}
              >
                {translate('beh.wizard.remove')}
              </Button>
            </Stack>
          </Box>
        ))}
        <Divider sx={{ my: 1.5 }} />
        <Typography variant="subtitle2" component="h5" gutterBottom>
          {translate('beh.wizard.orderInfo')}
        </Typography>
        <AttestantSelect
          careUnitId={unit.careUnitId}
          assignmentIds={lines.map((line) => String(line.assignment.id)).join(',')}
          value={attestantId}
          showMissing={showMissing}
          onChange={(id) => dispatch({ kind: 'attestant', careUnitId, attestantId: id })}
          onOnlyOne={onOnlyAttestant}
        />
      </CardContent>
    </Card>
  );
};
