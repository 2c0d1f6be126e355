import { Card, CardContent, Typography } from '@mui/material';
import { Link, Title, useTranslate } from 'react-admin';
import { attestRoutes } from './routes';

/**
 * An order that is not mine to attest (a forwarded link, or one already decided): says so, and
 * nothing of the order, not even whether it exists.
 */
export const AttestNotFound = () => {
  const translate = useTranslate();
  return (
    <Card component="article" sx={{ mt: 2 }}>
      <Title title="beh.attest.notFound.title" />
      <CardContent>
        <Typography variant="h4" component="h1" gutterBottom>
          {translate('beh.attest.notFound.title')}
        </Typography>
        <Typography sx={{ mb: 1 }}>{translate('beh.attest.notFound.text')}</Typography>
        <Typography sx={{ mb: 2 }}>{translate('beh.attest.notFound.forwarded')}</Typography>
        <Link to={attestRoutes.queue}>{translate('beh.attest.backToQueue')}</Link>
      </CardContent>
    </Card>
  );
};
