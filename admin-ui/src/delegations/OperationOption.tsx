import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { GrantableOperationItem } from './types';
import { operationLabel } from './useGrantableOperations';

/** A verksamhet in the verksamhet picker: "Område / Verksamhet". */
export const OperationOption = () => {
  const operation = useRecordContext<GrantableOperationItem>();
  if (!operation) return null;
  return (
    <Box>
      <Typography variant="body2">{operationLabel(operation)}</Typography>
    </Box>
  );
};

/** What the input shows once a verksamhet is chosen. */
export const operationInputText = (operation: GrantableOperationItem): string => operationLabel(operation);

/** The server already searched on `q` (words of the verksamhet's or område's name). */
export const operationMatches = (): boolean => true;
