import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, usePermissions, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { Me } from '../auth/types';
import { errorMessage } from '../common/problem';
import { reviewsApi } from './api';
import { reviewRoutes } from './routes';

/**
 * "Granskningar": the campaigns the user may see (administrators and auditors all; a head those
 * over their units), with how far each has come; "Ny granskning" for administrators and heads.
 */
export default function ReviewsListPage() {
  const translate = useTranslate();
  const { permissions: me } = usePermissions<Me>();
  const mayCreate = (me?.roles.administrator || me?.roles.headOfUnit) ?? false;
  const { data, error, isPending } = useQuery({
    queryKey: ['review-campaigns'],
    queryFn: reviewsApi.campaigns,
  });
  return (
    <Box sx={{ mt: 1 }}>
      <Title title="beh.reviews.title" />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {translate('beh.reviews.title')}
          </Typography>
          <Typography variant="body2" sx={{ mb: 2, maxWidth: '70ch' }}>
            {translate('beh.reviews.intro')}
          </Typography>
          {mayCreate && (
            <Button
              component={RouterLink}
              to={reviewRoutes.create}
              variant="contained"
              startIcon={<AddIcon />}
            >
              {translate('beh.reviews.new')}
            </Button>
          )}
        </CardContent>
      </Card>
      {error ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {translate(errorMessage(error), { _: errorMessage(error) })}
        </Alert>
      ) : null}
      {isPending ? (
        <LinearProgress sx={{ mt: 2 }} aria-label={translate('beh.a11y.loading')} />
      ) : data && data.length === 0 ? (
        <Typography sx={{ mt: 2 }}>{translate('beh.reviews.none')}</Typography>
      ) : (
        <Card sx={{ mt: 2 }}>
          <Table size="small" aria-label={translate('beh.reviews.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('beh.reviews.columns.name')}</TableCell>
                <TableCell>{translate('beh.reviews.columns.scope')}</TableCell>
                <TableCell>{translate('beh.reviews.columns.period')}</TableCell>
                <TableCell>{translate('beh.reviews.columns.status')}</TableCell>
                <TableCell>{translate('beh.reviews.columns.progress')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    <Link component={RouterLink} to={reviewRoutes.review(c.id)}>
                      {c.name}
                    </Link>
                  </TableCell>
                  <TableCell>{translate(`beh.reviews.scopeFor.${c.content}.${c.scopeKind}`)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate('beh.reviews.period', { start: c.startDate, due: c.dueDate })}
                  </TableCell>
                  <TableCell>{translate(`beh.reviews.status.${c.status}`)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate('beh.reviews.progress', {
                      decided: c.progress.signed,
                      total: c.progress.total,
                    })}
                  </TableCell>
                  <TableCell>
                    <Link component={RouterLink} to={reviewRoutes.report(c.id)}>
                      {translate('beh.reviews.report')}
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </Box>
  );
}
