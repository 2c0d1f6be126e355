import type { Validator } from 'react-admin';

/** Today's calendar date in Stockholm, `YYYY-MM-DD` (the API's dates are Stockholm dates). */
export const todayInStockholm = (): string =>
  new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** An end date, when given, must not come before the start date (`YYYY-MM-DD` sorts as text). */
export const notBeforeValidFrom: Validator = (value: unknown, values: Record<string, unknown>) =>
  typeof value === 'string' &&
  value !== '' &&
  typeof values.validFrom === 'string' &&
  value < values.validFrom
    ? 'beh.persons.validToBeforeFrom'
    : undefined;
