import { Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Member } from './types';

/** Holding since when, or a grant waiting (marked), and any revoke already on its way. */
export const MemberStatus = ({ member }: { member: Member }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      {member.status === 'PENDING_GRANT' ? (
        <Chip
          size="small"
          variant="outlined"
          label={translate('beh.massOrder.members.pendingGrant')}
          sx={{ color: 'text.primary', borderColor: 'warning.main', borderWidth: 2 }}
        />
      ) : (
        <Typography variant="body2">
          {member.heldFrom
            ? translate('beh.massOrder.members.holdingSince', { date: member.heldFrom })
            : translate('beh.massOrder.members.holding')}
        </Typography>
      )}
      {member.pendingRevoke && (
        <Chip
          size="small"
          variant="outlined"
          label={translate('beh.massOrder.members.pendingRevoke')}
          sx={{ color: 'text.primary', borderColor: 'warning.main', borderWidth: 2 }}
        />
      )}
      {member.pendingOrderNumber && (
        <Typography variant="caption" color="text.secondary">
          {member.pendingOrderNumber}
        </Typography>
      )}
      {!member.removable && member.reasonText && member.status === 'HOLDING' && (
        <Typography variant="caption" color="text.secondary">
          {member.reasonText}
        </Typography>
      )}
    </Stack>
  );
};
