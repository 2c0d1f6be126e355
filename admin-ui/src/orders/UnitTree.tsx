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
  type SxProps,
  type Theme,
  Typography,
} from '@mui/material';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ASSIGNMENT_KINDS } from '../enums';
import type { OrderableAssignment, OrderableUnit } from './types';

/** i18n keys: the list's accessible name and the headings of the two kinds of assignment. */
export type UnitTreeLabels = { list: string } & Record<OrderableAssignment['kind'], string>;

interface Props {
  units: OrderableUnit[];
  /**
   * The units whose open state the user flipped (a unit starts closed, unless it is the only one),
   * when the caller keeps them, as the wizard does across its steps; otherwise the tree keeps them
   * for as long as it is shown.
   */
  toggled?: readonly string[];
  onToggle?: (careUnitId: string) => void;
  labels: UnitTreeLabels;
  /** Each unit's panel is `<panelIdPrefix>-<careUnitId>-assignments`. */
  panelIdPrefix: string;
  /** The line under a unit's name; its administration unless told otherwise. */
  describeUnit?: (unit: OrderableUnit) => string;
  /** One assignment in an open unit: a tick box in the wizard, a link in the mass order. */
  renderAssignment: (assignment: OrderableAssignment, unit: OrderableUnit) => ReactNode;
  panelSx?: SxProps<Theme>;
}

/**
 * The care units the orderer may order on, each opened with its plus sign to show its general and
 * special assignments (seeds/000 and seeds/001): the single-user wizard and the mass order share it.
 */
export const UnitTree = ({
  units,
  toggled: keptToggled,
  onToggle,
  labels,
  panelIdPrefix,
  describeUnit = (unit) => unit.administrationName,
  renderAssignment,
  panelSx = { pl: 7, pb: 2 },
}: Props) => {
  const translate = useTranslate();
  const [ownToggled, setOwnToggled] = useState<readonly string[]>([]);
  const toggled = keptToggled ?? ownToggled;
  const toggle = (careUnitId: string) =>
    onToggle ? onToggle(careUnitId) : setOwnToggled((current) => toggleUnit(current, careUnitId));
  return (
    <List disablePadding sx={{ maxWidth: 900 }} aria-label={translate(labels.list)}>
      {units.map((unit) => {
        const id = String(unit.careUnitId);
        const open = (units.length === 1) !== toggled.includes(id);
        const panelId = `${panelIdPrefix}-${id}-assignments`;
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
              <ListItemText primary={unit.careUnitName} secondary={describeUnit(unit)} />
            </ListItemButton>
            <Collapse in={open} id={panelId} unmountOnExit>
              <Box sx={panelSx}>
                {ASSIGNMENT_KINDS.map((kind) => {
                  const ofKind = unit.assignments.filter((assignment) => assignment.kind === kind);
                  if (ofKind.length === 0) return null;
                  return (
                    <Box key={kind} role="group" aria-label={translate(labels[kind])} sx={{ mt: 1 }}>
                      <Typography variant="overline" component="div" color="text.secondary">
                        {translate(labels[kind])}
                      </Typography>
                      {ofKind.map((assignment) => (
                        <Fragment key={assignment.id}>{renderAssignment(assignment, unit)}</Fragment>
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

/** Flips one unit in or out of the toggled list. */
export const toggleUnit = (toggled: readonly string[], careUnitId: string): string[] =>
  toggled.includes(careUnitId) ? toggled.filter((id) => id !== careUnitId) : [...toggled, careUnitId];
