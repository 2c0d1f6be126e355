import BlockIcon from '@mui/icons-material/Block';
import { Box, Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { OrderableAssignment } from '../../orders/types';

interface Props {
  assignment: OrderableAssignment;
  checked: boolean;
  onToggle: () => void;
}

/** One assignment in the tree: a tick box, its purpose and description, and why it cannot be ticked. */
export const AssignmentChoice = ({ assignment, checked, onToggle }: Props) => {
  const translate = useTranslate();
  const describedBy = `assignment-${assignment.id}-about`;
  // The catalogue's descriptions begin with the purpose; without one the purpose says enough.
  const about = assignment.description ?? translate(`beh.purpose.${assignment.purpose}`);
  return (
    <Box sx={{ py: 0.5 }} data-assignment={assignment.name}>
      <FormControlLabel
        control={
          <Checkbox
            checked={checked}
            disabled={!assignment.orderable}
            onChange={onToggle}
            slotProps={{ input: { 'aria-describedby': describedBy } }}
          />
        }
        label={assignment.name}
      />
      <Box id={describedBy} sx={{ pl: 4, mt: -0.5 }}>
        <Typography variant="body2" color="text.secondary">
          {about}
        </Typography>
        {assignment.heldFrom && (
          <Typography variant="body2" color="text.secondary">
            {translate('beh.wizard.heldFrom', { date: assignment.heldFrom })}
          </Typography>
        )}
        {!assignment.orderable && assignment.reasonText && (
          // The icon carries the colour; the text keeps body contrast.
          <Typography
            variant="body2"
            sx={{ fontWeight: 500, display: 'flex', alignItems: 'center', gap: 0.5 }}
          >
            <BlockIcon fontSize="inherit" color="warning" aria-hidden />
            {assignment.reasonText}
          </Typography>
        )}
      </Box>
    </Box>
  );
};
