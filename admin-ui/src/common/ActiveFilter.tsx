import { NullableBooleanInput, type NullableBooleanInputProps } from 'react-admin';

/** Yes / no / either, for the `active` filter of persons. */
export const ActiveFilter = (props: NullableBooleanInputProps) => (
  <NullableBooleanInput trueLabel="beh.filter.active" falseLabel="beh.filter.inactive" {...props} />
);
