import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { OrderableAssignment } from '../../orders/types';
import { massOrderRoutes } from './routes';

/** One assignment in the mass order's unit tree: its name and purpose, and "Redigera användare". */
export const MassAssignmentRow = ({ assignment }: { assignment: OrderableAssignment }) => {
  const translate = useTranslate();
  const nameId = `mass-assignment-${assignment.id}`;
  return (
    <Stack
      direction="row"
      spacing={2}
      sx={{ alignItems: 'center', py: 0.75, borderTop: 1, borderColor: 'divider', maxWidth: 720 }}
      data-assignment={assignment.name}
    >
      <Box sx={{ flex: 1 }}>
        <Typography id={nameId} sx={{ fontWeight: 500 }}>
          {assignment.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {/* The catalogue's descriptions begin with the purpose; without one the purpose says enough. */}
          {assignment.description ?? translate(`beh.purpose.${assignment.purpose}`)}
        </Typography>
      </Box>
      <Button
        variant="outlined"
        size="small"
        startIcon={<EditOutlinedIcon />}
        component={RouterLink}
        to={massOrderRoutes.assignment(assignment.id)}
        aria-describedby={nameId}
      >
        {translate('beh.massOrder.tree.editUsers')}
      </Button>
    </Stack>
  );
};
