import AddBoxOutlinedIcon from '@mui/icons-material/AddBoxOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import IndeterminateCheckBoxOutlinedIcon from '@mui/icons-material/IndeterminateCheckBoxOutlined';
import {
  Box,
  Button,
  Collapse,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ASSIGNMENT_KINDS } from '../../enums';
import type { OrderableAssignment, OrderableUnit } from '../../orders/types';
import { massOrderRoutes } from './routes';

const KIND_HEADINGS = {
  GENERAL: 'beh.massOrder.tree.general',
  SPECIAL: 'beh.massOrder.tree.special',
} as const;

/** One assignment: its name and purpose, and "Redigera användare". */
const AssignmentRow = ({ assignment }: { assignment: OrderableAssignment }) => {
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

/**
 * The care units the orderer may order on, each opened with its plus sign to show "Generella uppdrag"
 * and "Särskilda uppdrag", each assignment with "Redigera användare" (seeds/000).
 */
export const MassUnitTree = ({ units }: { units: OrderableUnit[] }) => {
  const translate = useTranslate();
  // A unit starts closed, unless it is the only one.
  const [toggled, setToggled] = useState<string[]>([]);
  const toggle = (id: string) =>
    setToggled((current) =>
      current.includes(id) ? current.filter((other) => other !== id) : [...current, id],
    );
  return (
    <List disablePadding sx={{ maxWidth: 900 }} aria-label={translate('beh.massOrder.tree.units')}>
      {units.map((unit) => {
        const id = String(unit.careUnitId);
        const open = (units.length === 1) !== toggled.includes(id);
        const panelId = `mass-unit-${id}-assignments`;
        return (
          <ListItem
            key={id}
            disablePadding
            sx={{ display: 'block', borderBottom: 1, borderColor: 'divider' }}
          >
            <ListItemButton
              onClick={() => toggle(id)}
              aria-expanded={open}
              aria-controls={panelId}
              data-unit={unit.careUnitName}
            >
              <ListItemIcon sx={{ minWidth: 36 }}>
                {open ? (
                  <IndeterminateCheckBoxOutlinedIcon color="primary" />
                ) : (
                  <AddBoxOutlinedIcon color="primary" />
                )}
              </ListItemIcon>
              <ListItemText primary={unit.careUnitName} secondary={unit.administrationName} />
            </ListItemButton>
            <Collapse in={open} id={panelId} unmountOnExit>
              <Box sx={{ pl: 7, pr: 2, pb: 2 }}>
                {ASSIGNMENT_KINDS.map((kind) => {
                  const ofKind = unit.assignments.filter((assignment) => assignment.kind === kind);
                  if (ofKind.length === 0) return null;
                  return (
                    <Box key={kind} role="group" aria-label={translate(KIND_HEADINGS[kind])} sx={{ mt: 1 }}>
                      <Typography variant="overline" component="div" color="text.secondary">
                        {translate(KIND_HEADINGS[kind])}
                      </Typography>
                      {ofKind.map((assignment) => (
                        <AssignmentRow key={assignment.id} assignment={assignment} />
                      ))}
                    </Box>
                  );
                })}
              </Box>
            </Collapse>
          </ListItem>
        );
      })}
    </List>
  );
};
