import { SelectField, type SelectFieldProps } from 'react-admin';
import { assignmentKindChoices, careProviderKindChoices, purposeChoices } from '../enums';

type EnumFieldProps = Omit<SelectFieldProps, 'choices'>;

/** Enum values shown with their labels in the current language. */
export const PurposeField = (props: EnumFieldProps) => <SelectField choices={purposeChoices} {...props} />;
export const AssignmentKindField = (props: EnumFieldProps) => (
  <SelectField choices={assignmentKindChoices} {...props} />
);
export const CareProviderKindField = (props: EnumFieldProps) => (
  <SelectField choices={careProviderKindChoices} {...props} />
);
