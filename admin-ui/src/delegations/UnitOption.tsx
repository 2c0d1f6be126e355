import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { GrantableUnitItem } from './types';

/** A care unit in the unit picker: its name, with its administration and HSA-id below, so units of one name can be told apart. */
export const UnitOption = () => {
  const unit = useRecordContext<GrantableUnitItem>();
  if (!unit) return null;
  return (
    <Box>
      <Typography variant="body2">{unit.name}</Typography>
      <Typography variant="caption" color="text.secondary">
        {unit.administrationName} · {unit.hsaId}
      </Typography>
    </Box>
  );
};

/** What the input shows once a unit is chosen. */
export const unitInputText = (unit: GrantableUnitItem): string => unit.name;

/** The server already searched on `q` (name words or HSA-id); every suggestion it returns matches. */
export const unitMatches = (): boolean => true;
