import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, ListItemText, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { type PlacedTemplate, systemsText } from './catalogue';
import type { OrderableArea, OrderableTemplate } from './types';
import type { AccessPick } from './lines';

interface Props {
  areas: OrderableArea[];
  pick: AccessPick;
  onPick: (pick: Partial<AccessPick>) => void;
  /** Called with the chosen template and profession when the orderer adds the line. */
  onAdd: (template: PlacedTemplate, professionId: string) => void;
  /**
   * Förändring: the held template may be chosen again for another yrkeskategori (the held pair is
   * then not offered); otherwise only what the server marks orderable.
   */
  change?: { heldTemplateId: string; heldProfessionId: string } | null;
  /** Template ids already among the chosen lines. */
  chosen: ReadonlySet<string>;
  /** The id prefix of the fields (two pickers may share a page). */
  idPrefix: string;
}

/** Whether a template can be picked here, and if not, why (the server's text, or "already chosen"). */
function blocked(
  template: OrderableTemplate,
  change: Props['change'],
  chosen: ReadonlySet<string>,
): string | null | 'chosen' {
  if (chosen.has(template.id)) return 'chosen';
  if (template.orderable) return null;
  // Förändring to another yrkeskategori of the same held template.
  if (change && template.id === change.heldTemplateId) return null;
  return template.reasonText ?? template.reason ?? '';
}

/**
 * Område → Verksamhet → Behörighetsmall → Yrkeskategori, then "Lägg till": the seed's order of
 * choices. What is chosen stays in the wizard's state, so going back and forth keeps it.
 */
export const TemplatePicker = ({ areas, pick, onPick, onAdd, change = null, chosen, idPrefix }: Props) => {
  const translate = useTranslate();
  const [incomplete, setIncomplete] = useState(false);
  const area = areas.find((a) => a.id === pick.areaId);
  const operation = area?.operations.find((o) => o.id === pick.operationId);
  const template = operation?.templates.find((t) => t.id === pick.templateId);
  const professions = (template?.professions ?? []).filter(
    (p) => !(change && template?.id === change.heldTemplateId && p.id === change.heldProfessionId),
  );
  const profession = professions.find((p) => p.id === pick.professionId);

  const add = () => {
    if (!area || !operation || !template || !profession) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    onAdd({ area, operation, template }, profession.id);
  };

  const field = { sx: { minWidth: 0 } } as const;
  return (
    <Box>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
          gap: 2,
          maxWidth: 1100,
        }}
      >
        <TextField
          select
          id={`${idPrefix}-area`}
          label={translate('beh.accessOrders.area')}
          value={area ? area.id : ''}
          onChange={(event) =>
            onPick({ areaId: event.target.value, operationId: '', templateId: '', professionId: '' })
          }
          {...field}
        >
          {areas.map((a) => (
            <MenuItem key={a.id} value={a.id}>
              {a.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id={`${idPrefix}-operation`}
          label={translate('beh.accessOrders.operation')}
          value={operation ? operation.id : ''}
          disabled={!area}
          onChange={(event) => onPick({ operationId: event.target.value, templateId: '', professionId: '' })}
          {...field}
        >
          {(area?.operations ?? []).map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id={`${idPrefix}-template`}
          label={translate('beh.accessOrders.template')}
          value={template ? template.id : ''}
          disabled={!operation}
          onChange={(event) => {
            const next = operation?.templates.find((t) => t.id === event.target.value);
            // A template offered for one yrkeskategori only has it chosen at once.
            const only = next && next.professions.length === 1 ? next.professions[0].id : '';
            onPick({ templateId: event.target.value, professionId: only });
          }}
          {...field}
        >
          {(operation?.templates ?? []).map((t) => {
            const why = blocked(t, change, chosen);
            return (
              <MenuItem key={t.id} value={t.id} disabled={why !== null}>
                <ListItemText
                  primary={t.name}
                  secondary={why === 'chosen' ? translate('beh.accessOrders.alreadyChosen') : why}
                />
              </MenuItem>
            );
          })}
        </TextField>
        <TextField
          select
          id={`${idPrefix}-profession`}
          label={translate('beh.accessOrders.profession')}
          value={profession ? profession.id : ''}
          disabled={!template}
          onChange={(event) => onPick({ professionId: event.target.value })}
          {...field}
        >
          {professions.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {operation && operation.templates.length === 0 && (
        <Alert severity="info" sx={{ mt: 2, maxWidth: 900 }}>
          {translate('beh.accessOrders.noTemplates')}
        </Alert>
      )}
      {template && (
        <Box
          sx={{ mt: 2, p: 2, maxWidth: 900, border: 1, borderColor: 'divider', borderRadius: 1 }}
          data-template-details
        >
          <Typography sx={{ fontWeight: 500 }}>{template.name}</Typography>
          {template.description && <Typography variant="body2">{template.description}</Typography>}
          <Typography variant="body2" color="text.secondary">
            {translate('beh.accessOrders.systems')}: {systemsText(template.systems)}
          </Typography>
        </Box>
      )}
      {incomplete && (
        <Alert severity="warning" role="alert" sx={{ mt: 2, maxWidth: 900 }}>
          {translate('beh.accessOrders.pickIncomplete')}
        </Alert>
      )}
      <Button variant="outlined" startIcon={<AddIcon />} onClick={add} sx={{ mt: 2 }}>
        {translate('beh.accessOrders.addLine')}
      </Button>
    </Box>
  );
};
