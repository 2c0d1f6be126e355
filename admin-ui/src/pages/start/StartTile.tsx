import { Card, CardContent, Stack, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { StartTileDefinition, TileLink } from './tiles';
import { StandingInOnTile, WaitingOnTile } from './WaitingForAttest';

/** "› text": the seeds' link style. A link whose screen does not exist yet is not shown. */
const TileLinkItem = ({ link }: { link: TileLink }) => {
  const translate = useTranslate();
  if (!link.to) return null;
  return (
    <Link to={link.to} underline="hover" sx={{ display: 'block' }}>
      {'› '}
      {translate(link.label)}
    </Link>
  );
};

export const StartTile = ({ tile }: { tile: StartTileDefinition }) => {
  const translate = useTranslate();
  const title = translate(tile.title);
  const headingId = `tile-${tile.key}`;
  const orderLinks = tile.orderLists
    ? [tile.orderLists.mine, tile.orderLists.all].filter((link) => link.to)
    : [];
  return (
    <Card
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{ height: '100%', borderTop: 4, borderTopColor: 'primary.main' }}
      data-tile={tile.key}
    >
      <CardContent>
        <Stack spacing={1}>
          <Typography id={headingId} variant="h6" component="h2">
            {tile.to ? (
              <Link to={tile.to} underline="hover">
                {title}
              </Link>
            ) : (
              title
            )}
          </Typography>
          <TileLinkItem link={tile.manual} />
          {tile.description && <Typography variant="body2">{translate(tile.description)}</Typography>}
          {tile.key === 'attest' && <WaitingOnTile />}
          {tile.key === 'attest' && <StandingInOnTile />}
          {tile.links?.map((link) => (
            <TileLinkItem key={link.label} link={link} />
          ))}
          {orderLinks.length > 0 && (
            <Stack direction="row" spacing={2}>
              {orderLinks.map((link) => (
                <TileLinkItem key={link.label} link={link} />
              ))}
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
