import AddBoxOutlinedIcon from '@mui/icons-material/AddBoxOutlined';
import IndeterminateCheckBoxOutlinedIcon from '@mui/icons-material/IndeterminateCheckBoxOutlined';
import {
  Box,
  Collapse,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@mui/material';
import type { Identifier } from 'react-admin';
import { useTranslate } from 'react-admin';
import { ASSIGNMENT_KINDS } from '../../enums';
import type { OrderableUnit } from '../../orders/types';
import { AssignmentChoice } from './AssignmentChoice';
import type { ChosenLine } from './wizardState';

interface Props {
  units: OrderableUnit[];
  lines: ChosenLine[];
  toggledUnits: string[];
  onToggleUnit: (careUnitId: string) => void;
  onToggleLine: (line: ChosenLine) => void;
}

const KIND_HEADINGS = { GENERAL: 'beh.wizard.general', SPECIAL: 'beh.wizard.special' } as const;

/**
 * The care units the orderer may order on, each opened with its plus sign to show its general
 * and special assignments with tick boxes (as in seeds/001).
 */
export const UnitTree = ({ units, lines, toggledUnits, onToggleUnit, onToggleLine }: Props) => {
  const translate = useTranslate();
  const ticked = new Set(lines.map((line) => String(line.assignment.id)));
  const tickedIn = (careUnitId: Identifier) =>
    lines.filter((line) => String(line.unit.careUnitId) === String(careUnitId)).length;
  return (
    <List disablePadding sx={{ maxWidth: 900 }} aria-label={translate('beh.wizard.assignments')}>
      {units.map((unit) => {
        const id = String(unit.careUnitId);
        // A unit starts closed, unless it is the only one.
        const open = (units.length === 1) !== toggledUnits.includes(id);
        const panelId = `unit-${id}-assignments`;
        const count = tickedIn(unit.careUnitId);
        return (
          <ListItem
            key={id}
            disablePadding
            sx={{ display: 'block', borderBottom: 1, borderColor: 'divider' }}
          >
            <ListItemButton
              onClick={() => onToggleUnit(id)}
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
              <ListItemText
                primary={unit.careUnitName}
                secondary={[
                  unit.administrationName,
                  count > 0 ? translate('beh.wizard.chosenCount', { smart_count: count }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItemButton>
            <Collapse in={open} id={panelId} unmountOnExit>
              <Box sx={{ pl: 7, pb: 2 }}>
                {ASSIGNMENT_KINDS.map((kind) => {
                  const ofKind = unit.assignments.filter((assignment) => assignment.kind === kind);
                  if (ofKind.length === 0) return null;
                  return (
                    <Box key={kind} role="group" aria-label={translate(KIND_HEADINGS[kind])} sx={{ mt: 1 }}>
                      <Typography variant="overline" component="div" color="text.secondary">
                        {translate(KIND_HEADINGS[kind])}
                      </Typography>
                      {ofKind.map((assignment) => (
                        <AssignmentChoice
                          key={assignment.id}
                          assignment={assignment}
                          checked={ticked.has(String(assignment.id))}
                          onToggle={() => onToggleLine({ unit, assignment })}
                        />
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
