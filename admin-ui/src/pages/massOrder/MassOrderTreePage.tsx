import { Alert, Box, Card, CardContent, CircularProgress, Typography } from '@mui/material';
import { useCallback } from 'react';
import { Title, useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import { UnitTree } from '../../orders/UnitTree';
import { useLoaded } from '../../orders/useLoaded';
import { MassAssignmentRow } from './MassAssignmentRow';
import { useMassOrderApi } from './useMassOrderApi';

const TREE_LABELS = {
  list: 'beh.massOrder.tree.units',
  GENERAL: 'beh.massOrder.tree.general',
  SPECIAL: 'beh.massOrder.tree.special',
} as const;

/**
 * "Beställ/avbeställ koppling till VMU": where a mass order starts (seeds/000). The units open with
 * their plus sign to show "Generella uppdrag" and "Särskilda uppdrag", each assignment with
 * "Redigera användare".
 */
export default function MassOrderTreePage() {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const units = useLoaded(useCallback(() => api.getMassOrderUnits(), [api]));
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.massOrder.title" />
      <Typography variant="h4" component="h1" gutterBottom>
        {translate('beh.massOrder.tree.heading')}
      </Typography>
      <Card>
        <CardContent sx={{ p: { xs: 2, md: 3 } }}>
          <Typography sx={{ mb: 2, maxWidth: 900 }}>{translate('beh.massOrder.tree.help')}</Typography>
          {units.state === 'loading' && (
            <CircularProgress size={28} aria-label={translate('ra.page.loading')} />
          )}
          {units.state === 'failed' && <Alert severity="error">{translate(errorMessage(units.error))}</Alert>}
          {units.state === 'ready' &&
            (units.value.length === 0 ? (
              <Alert severity="info" sx={{ maxWidth: 900 }}>
                {translate('beh.massOrder.tree.noUnits')}
              </Alert>
            ) : (
              <UnitTree
                units={units.value}
                labels={TREE_LABELS}
                panelIdPrefix="mass-unit"
                renderAssignment={(assignment) => <MassAssignmentRow assignment={assignment} />}
                panelSx={{ pl: 7, pr: 2, pb: 2 }}
              />
            ))}
        </CardContent>
      </Card>
    </Box>
  );
}
