import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Badge, Box, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, usePermissions, useTranslate } from 'react-admin';
import { useAttestApi } from '../../attest/useAttestApi';
import { visuallyHidden } from '../../attest/visuallyHidden';
import type { Me } from '../../auth/types';

const WAITING_FOR_ATTEST = ['beh', 'attest', 'waiting'] as const;

/**
 * How many orders wait for the signed-in user's attest: the queue's own count (`GET
 * /api/attest/counts`, the attestant's index), shared by the start page's tile and the menu (one
 * request for both). Asked again on every change of page, so the number is current after
 * attesting; not polled, which would keep an idle session alive. Undefined for users the server
 * does not serve with the attest tile, and until the first answer.
 */
export function useWaitingForAttest(): number | undefined {
  const { permissions: me } = usePermissions<Me>();
  const api = useAttestApi();
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  const enabled = me?.tiles.attest === true;
  const { data } = useQuery({
    queryKey: WAITING_FOR_ATTEST,
    queryFn: () => api.getAttestCounts({}),
    enabled,
  });
  useEffect(() => {
    // Both users of the hook run this on the same change of page: the second joins the first's request.
    if (enabled)
      void queryClient.invalidateQueries({ queryKey: WAITING_FOR_ATTEST }, { cancelRefetch: false });
  }, [enabled, pathname, queryClient]);
  return enabled ? data?.all : undefined;
}

/** The attest tile's line: "3 beställningar väntar på din attest." */
export const WaitingOnTile = () => {
  const translate = useTranslate();
  const waiting = useWaitingForAttest();
  if (waiting === undefined) return null;
  return (
    <Typography
      variant="body2"
      sx={{ fontWeight: waiting > 0 ? 600 : undefined }}
      data-testid="attest-waiting"
    >
      {waiting > 0
        ? translate('beh.start.attest.waiting', { smart_count: waiting })
        : translate('beh.start.attest.waitingNone')}
    </Typography>
  );
};

/**
 * The attest tile's lines "Du är ersättare för Sara Berg till och med 2026-12-13." (rule 41), one
 * per attestant the user stands in for today, as `GET /api/me` says; nothing for almost everyone.
 * Their waiting orders are in the count above: the queue holds them.
 */
export const StandingInOnTile = () => {
  const translate = useTranslate();
  const { permissions: me } = usePermissions<Me>();
  const standingInFor = me?.standingInFor ?? [];
  if (standingInFor.length === 0) return null;
  return (
    <Box data-testid="attest-standing-in">
      {standingInFor.map((s) => (
        <Typography key={s.attestantId} variant="body2">
          {translate('beh.start.attest.standingInFor', { name: s.name, until: s.until })}
        </Typography>
      ))}
    </Box>
  );
};

/** The menu entry's text; read out as "Attestera beställningar, 3 väntar" when orders wait. */
export const AttestMenuText = () => {
  const translate = useTranslate();
  const waiting = useWaitingForAttest();
  return (
    <span>
      {translate('beh.attest.menu')}
      {waiting !== undefined && waiting > 0 && (
        <Box component="span" sx={visuallyHidden}>
          {`, ${translate('beh.attest.menuWaiting', { smart_count: waiting })}`}
        </Box>
      )}
    </span>
  );
};

/**
 * The menu entry's icon with the number waiting as a badge on it: seen also when the menu is
 * folded to its icons, and not cut off by the menu's width. Hidden from screen readers, which
 * read the number with the entry's text.
 */
export const AttestMenuIcon = () => {
  const waiting = useWaitingForAttest();
  if (!waiting) return <FactCheckIcon />;
  return (
    <Badge
      badgeContent={waiting}
      color="primary"
      max={99}
      slotProps={{ badge: { 'aria-hidden': true, 'data-testid': 'attest-menu-waiting' } as object }}
    >
      <FactCheckIcon />
    </Badge>
  );
};
