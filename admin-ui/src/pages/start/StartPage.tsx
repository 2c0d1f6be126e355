import { Alert, Box, Grid, Typography } from '@mui/material';
import { Loading, Title, usePermissions, useTranslate } from 'react-admin';
import type { Me } from '../../auth/types';
import { StartTile } from './StartTile';
import { START_TILES } from './tiles';

/** "Välkommen till behörighetsbeställning!": the tiles this user is served by, as `GET /api/me` says. */
export const StartPage = () => {
  const translate = useTranslate();
  const { permissions: me, isPending } = usePermissions<Me>();
  if (isPending) return <Loading />;
  const tiles = me
    ? START_TILES.filter((tile) =>
        tile.visible ? tile.visible(me) : (me.tiles as Partial<Record<string, boolean>>)[tile.key] === true,
      )
    : [];
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.start.pageTitle" />
      <Typography variant="h4" component="h1" sx={{ mb: 3 }}>
        {translate('beh.start.welcome')}
      </Typography>
      {tiles.length === 0 ? (
        <Alert severity="info" sx={{ maxWidth: 720 }}>
          {translate('beh.start.noTiles')}
        </Alert>
      ) : (
        <Grid container spacing={2}>
          {tiles.map((tile) => (
            <Grid key={tile.key} size={{ xs: 12, sm: 6, lg: 3 }}>
              <StartTile tile={tile} />
            </Grid>
          ))}
        </Grid>
      )}
    </Box>
  );
};
