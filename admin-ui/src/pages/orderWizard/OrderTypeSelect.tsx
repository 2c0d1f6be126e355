import { Alert, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ORDER_TYPES } from '../../orders/choices';
import type { OrderType } from '../../orders/types';

interface Props {
  type: OrderType;
  /** Nyupplägg needs an active engagement in the directory. */
  grantAllowed: boolean;
  onChange: (type: OrderType) => void;
}

/** "Välj ett alternativ": Nyupplägg or Avslut. */
export const OrderTypeSelect = ({ type, grantAllowed, onChange }: Props) => {
  const translate = useTranslate();
  return (
    <>
      <TextField
        select
        label={translate('beh.wizard.chooseType')}
        value={type}
        onChange={(event) => onChange(event.target.value as OrderType)}
        sx={{ width: { xs: '100%', sm: 280 } }}
      >
        {ORDER_TYPES.map((option) => (
          <MenuItem key={option} value={option} disabled={option === 'GRANT' && !grantAllowed}>
            {translate(`beh.orders.type.${option}`)}
          </MenuItem>
        ))}
      </TextField>
      {!grantAllowed && (
        <Alert severity="info" sx={{ mt: 2, maxWidth: 900 }}>
          {translate('beh.wizard.noActiveEngagement')}
        </Alert>
      )}
    </>
  );
};
