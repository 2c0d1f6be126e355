import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { systemsText } from './catalogue';
import type { AccessLine } from './lines';

interface Props {
  line: AccessLine;
  /** The server's messages about this line from the last send. */
  messages?: string[];
  onRemove: () => void;
  /** Show the område and verksamhet too (step 2's list; the review groups by them). */
  withPlace?: boolean;
}

/** "Behörighetsmall Ksd-personal | Yrkeskategori: Supportspecialist Behörighetsteamet | [Ta bort]". */
export const AccessLineRow = ({ line, messages = [], onRemove, withPlace = false }: Props) => {
  const translate = useTranslate();
  const pair = translate('beh.accessOrders.linePair', {
    template: line.templateName,
    profession: line.professionName ?? translate('beh.empty'),
  });
  return (
    <Box data-access-line={line.templateName} sx={{ py: 1 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1 }}>
          <Typography sx={{ fontWeight: 500 }}>{pair}</Typography>
          {line.previous && (
            <Typography variant="body2">
              {translate('beh.accessOrders.replaces', {
                template: line.previous.templateName,
                profession: line.previous.professionName ?? translate('beh.empty'),
              })}
            </Typography>
          )}
          {withPlace && (
            <Typography variant="body2" color="text.secondary">
              {translate('beh.accessOrders.place', { area: line.areaName, operation: line.operationName })}
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {translate('beh.accessOrders.systems')}: {systemsText(line.systems)}
          </Typography>
          {messages.map((message) => (
            <Typography key={message} variant="body2" color="error" role="alert">
              {message}
            </Typography>
          ))}
        </Box>
        <Button
          color="error"
          startIcon={<DeleteOutlinedIcon />}
          onClick={onRemove}
          aria-label={translate('beh.wizard.removeLine', { name: pair })}
        >
          {translate('beh.wizard.remove')}
        </Button>
      </Stack>
    </Box>
  );
};
