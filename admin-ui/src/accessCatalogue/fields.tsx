import { Chip, Stack } from '@mui/material';
import { SelectField, type SelectFieldProps, useRecordContext } from 'react-admin';
import { fulfilmentChoices } from './choices';
import type { AccessTemplate } from './types';

export const FulfilmentField = (props: Omit<SelectFieldProps, 'choices'>) => (
  <SelectField choices={fulfilmentChoices} {...props} />
);

/** A template's professions, one chip each. */
export const TemplateProfessionsField = () => {
  const template = useRecordContext<AccessTemplate>();
  if (!template) return null;
  return (
    <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {template.professions.map((profession) => (
        <Chip key={profession.id} label={profession.name} size="small" />
      ))}
    </Stack>
  );
};

/** How many system roles a template bundles. */
export const TemplateRoleCountField = () => {
  const template = useRecordContext<AccessTemplate>();
  return template ? <>{template.roles.length}</> : null;
};
