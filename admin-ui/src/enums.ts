import type { AssignmentKind, CareProviderKind, Purpose } from './types';

/** Choices for SelectInput/SelectField: the API's enum value, labelled through i18n (beh.*). */
interface Choice<T extends string> {
  id: T;
  name: string;
}

const choices = <T extends string>(prefix: string, values: readonly T[]): Choice<T>[] =>
  values.map((id) => ({ id, name: `beh.${prefix}.${id}` }));

export const PURPOSES: readonly Purpose[] = [
  'CARE_AND_TREATMENT',
  'QUALITY_ASSURANCE',
  'ADMINISTRATION',
  'STATISTICS',
];
export const ASSIGNMENT_KINDS: readonly AssignmentKind[] = ['GENERAL', 'SPECIAL'];
export const CARE_PROVIDER_KINDS: readonly CareProviderKind[] = ['REGIONAL', 'PRIVATE'];

export const purposeChoices = choices('purpose', PURPOSES);
export const assignmentKindChoices = choices('assignmentKind', ASSIGNMENT_KINDS);
export const careProviderKindChoices = choices('careProviderKind', CARE_PROVIDER_KINDS);
