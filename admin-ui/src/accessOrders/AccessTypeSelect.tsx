import { Alert, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ACCESS_ORDER_TYPES, type AccessOrderType } from './types';

interface Props {
  type: AccessOrderType;
  /** Nyupplägg and Förändring need an active engagement in the directory. */
  grantAllowed: boolean;
  onChange: (type: AccessOrderType) => void;
}

/** "Välj ett alternativ": Nyupplägg, Förändring or Avslut. */
export const AccessTypeSelect = ({ type, grantAllowed, onChange }: Props) => {
  const translate = useTranslate();
  return (
    <>
      <TextField
        select
        id="access-order-type"
        label={translate('beh.wizard.chooseType')}
        value={type}
        onChange={(event) => onChange(event.target.value as AccessOrderType)}
        helperText={translate(`beh.accessOrders.typeHelp.${type}`)}
        sx={{ width: { xs: '100%', sm: 480 } }}
      >
        {ACCESS_ORDER_TYPES.map((option) => (
          <MenuItem key={option} value={option} disabled={option !== 'REVOKE' && !grantAllowed}>
            {translate(`beh.orders.type.${option}`)}
          </MenuItem>
        ))}
      </TextField>
      {!grantAllowed && (
        <Alert severity="info" sx={{ mt: 2, maxWidth: 900 }}>
          {translate('beh.accessOrders.noActiveEngagement')}
        </Alert>
      )}
    </>
  );
};
