import { ListItemText, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { allTemplates } from './catalogue';
import type { OrderableArea } from './types';

interface Props {
  /** The Förändring answer: the held templates where the orderer may order. */
  areas: OrderableArea[];
  value: string;
  chosen: ReadonlySet<string>;
  onChange: (templateId: string) => void;
}

/** Förändring, first choice: which held template (with its yrkeskategori) is to change. */
export const ChangeFrom = ({ areas, value, chosen, onChange }: Props) => {
  const translate = useTranslate();
  const held = allTemplates(areas).filter(({ template }) => template.held);
  return (
    <TextField
      select
      id="change-from"
      label={translate('beh.accessOrders.changeFrom')}
      value={held.some(({ template }) => template.id === value) ? value : ''}
      onChange={(event) => onChange(event.target.value)}
      helperText={translate('beh.accessOrders.changeFromHelp')}
      sx={{ width: { xs: '100%', sm: 560 }, mb: 3 }}
    >
      {held.map(({ template, area, operation }) => (
        <MenuItem
          key={template.id}
          value={template.id}
          disabled={!template.orderable || chosen.has(template.id)}
        >
          <ListItemText
            primary={translate('beh.accessOrders.linePair', {
              template: template.name,
              profession: template.held?.professionName ?? '',
            })}
            secondary={
              chosen.has(template.id)
                ? translate('beh.accessOrders.alreadyChosen')
                : !template.orderable && template.reasonText
                  ? template.reasonText
                  : `${area.name} · ${operation.name}`
            }
          />
        </MenuItem>
      ))}
    </TextField>
  );
};
