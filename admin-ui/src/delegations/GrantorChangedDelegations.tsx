import {
  Alert,
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import type { Me } from '../auth/types';
import { API_URL, httpClient } from '../common/http';
import { errorMessage } from '../common/problem';

/** A delegation whose grantor is no longer head of its unit (GET /api/delegation-confirmations). */
interface GrantorChanged {
  id: string;
  delegateName: string;
  careUnitName: string;
  grantorName: string;
  headName: string;
  rights: ('ORDER' | 'ATTEST')[];
  validFrom: string;
  validTo: string | null;
}

const URL = `${API_URL}/delegation-confirmations`;
const GRANTOR_CHANGED = ['beh', 'delegations', 'grantorChanged'] as const;

/**
 * Above the delegation list, for heads of unit and administrators: the delegations whose grantor
 * is no longer head of the unit (issue 15, point 4). They keep working until the unit's head
 * confirms them (and becomes their grantor) or ends them. Shows nothing when there are none.
 */
export function GrantorChangedDelegations() {
  const { permissions: me } = usePermissions<Me>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const mayDecide = !!me && (me.roles.administrator || me.roles.headOfUnit);
  const t = (key: string, fallback: string, options: Record<string, unknown> = {}) =>
    translate(`beh.delegations.grantorChanged.${key}`, { _: fallback, ...options });
  const { data: rows = [] } = useQuery({
    queryKey: GRANTOR_CHANGED,
    queryFn: async () => (await httpClient(URL)).json as GrantorChanged[],
    enabled: mayDecide,
  });

  const decide = async (row: GrantorChanged, action: 'confirm' | 'end') => {
    setBusy(row.id);
    try {
      await httpClient(`${URL}/${encodeURIComponent(row.id)}/${action}`, { method: 'POST' });
      notify(
        action === 'confirm'
          ? t('confirmed', 'Delegeringen är bekräftad.')
          : t('ended', 'Delegeringen är avslutad.'),
        { type: 'info' },
      );
      await queryClient.invalidateQueries({ queryKey: GRANTOR_CHANGED });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  if (!mayDecide || rows.length === 0) return null;
  const rightsText = (rights: GrantorChanged['rights']) =>
    rights.map((r) => (r === 'ORDER' ? 'Beställa' : 'Attestera')).join(', ');
  return (
    <Box component="section" aria-labelledby="grantor-changed-heading" sx={{ mt: 2 }}>
      <Typography variant="h6" component="h2" id="grantor-changed-heading">
        {t('heading', 'Delegeringar att bekräfta')}
      </Typography>
      <Alert severity="info" sx={{ my: 1 }}>
        {t(
          'lead',
          'Den som gav dessa delegeringar är inte längre verksamhetschef för vårdenheten. De gäller tills du bekräftar eller avslutar dem.',
        )}
      </Alert>
      <Table size="small" aria-labelledby="grantor-changed-heading">
        <TableHead>
          <TableRow>
            <TableCell>{t('delegate', 'Delegat')}</TableCell>
            <TableCell>{t('careUnit', 'Vårdenhet')}</TableCell>
            <TableCell>{t('rights', 'Rättigheter')}</TableCell>
            <TableCell>{t('grantor', 'Gavs av')}</TableCell>
            <TableCell>{t('valid', 'Giltig')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell>{row.delegateName}</TableCell>
              <TableCell>{row.careUnitName}</TableCell>
              <TableCell>{rightsText(row.rights)}</TableCell>
              <TableCell>{row.grantorName}</TableCell>
              <TableCell>
                {row.validFrom} – {row.validTo ?? t('untilFurtherNotice', 'tills vidare')}
              </TableCell>
              <TableCell>
                <Stack direction="row" spacing={1}>
                  <Button size="small" disabled={busy !== null} onClick={() => void decide(row, 'confirm')}>
                    {t('confirm', 'Bekräfta')}
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    disabled={busy !== null}
                    onClick={() => void decide(row, 'end')}
                  >
                    {t('end', 'Avsluta')}
                  </Button>
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
