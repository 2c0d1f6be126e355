import { Box, Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { allTemplates, lineOf } from './catalogue';
import type { OrderableArea } from './types';
import type { AccessLine } from './lines';

interface Props {
  areas: OrderableArea[];
  lines: AccessLine[];
  onToggle: (line: AccessLine) => void;
}

/** Avslut: the templates the person holds where the orderer may order, to tick. */
export const HeldTemplates = ({ areas, lines, onToggle }: Props) => {
  const translate = useTranslate();
  const ticked = new Set(lines.map((line) => line.key));
  const held = allTemplates(areas).filter(({ template }) => template.held);
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ mb: 1 }}>
        {translate('beh.accessOrders.heldLegend')}
      </Typography>
      {held.map((placed) => {
        const line = lineOf(placed, null);
        const { template, area, operation } = placed;
        return (
          <Box key={template.id} sx={{ mb: 1 }}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={ticked.has(line.key)}
                  disabled={!template.orderable}
                  onChange={() => onToggle(line)}
                />
              }
              label={
                <span>
                  {translate('beh.accessOrders.linePair', {
                    template: template.name,
                    profession: template.held?.professionName ?? '',
                  })}
                  <Typography
                    component="span"
                    variant="body2"
                    color="text.secondary"
                    sx={{ display: 'block' }}
                  >
                    {translate('beh.accessOrders.place', { area: area.name, operation: operation.name })}
                    {' · '}
                    {translate('beh.wizard.heldFrom', { date: template.held?.heldFrom ?? '' })}
                    {!template.orderable && template.reasonText ? ` · ${template.reasonText}` : ''}
                  </Typography>
                </span>
              }
            />
          </Box>
        );
      })}
    </Box>
  );
};
