import type { CalendarDate } from '../types';
import { todayInStockholm, validToNotBeforeValidFrom } from '../common/dates';
import type { DelegationRight } from './types';

/** The fields of the new-delegation form (the API's fields plus the whole-unit/chosen choice). */
export interface DelegationFormValues {
  careUnitId?: string;
  delegateId?: string;
  rights?: DelegationRight[];
  scope: 'UNIT' | 'CHOSEN';
  assignmentIds?: string[];
  validFrom?: CalendarDate;
  validTo?: CalendarDate | null;
}

// react-admin validators: an i18n key when the value is wrong, undefined when it is fine.

export const notBeforeToday = (value: CalendarDate | null | undefined) =>
  value && value < todayInStockholm() ? 'beh.delegations.validation.beforeToday' : undefined;

export const notBeforeValidFrom = validToNotBeforeValidFrom('beh.delegations.validation.validToBeforeFrom');

export const assignmentsWhenChosen = (value: string[] | undefined, values: DelegationFormValues) =>
  values.scope === 'CHOSEN' && (!value || value.length === 0)
    ? 'beh.delegations.validation.chooseAssignments'
    : undefined;
