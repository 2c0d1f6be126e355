import type { CalendarDate } from '../types';
import { todayInStockholm, validToNotBeforeValidFrom } from '../common/dates';
import type { DelegationRight } from './types';

/** What a new delegation is for: a care unit or a verksamhet. */
export type DelegationTargetKind = 'UNIT' | 'OPERATION';

/**
 * The fields of the new-delegation form (the API's fields plus the choice of a care unit or a
 * verksamhet and the whole-unit/chosen choice).
 */
export interface DelegationFormValues {
  target: DelegationTargetKind;
  careUnitId?: string;
  accessOperationId?: string;
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

/**
 * "Valda uppdrag" needs at least one ticked assignment of the unit's catalogue `ofUnit`: ticks made
 * under another unit chosen before do not count (they are not sent), or the delegation would cover
 * the whole unit.
 */
export const assignmentsWhenChosen =
  (ofUnit: ReadonlySet<string>) => (value: string[] | undefined, values: DelegationFormValues) =>
    values.target !== 'OPERATION' &&
    values.scope === 'CHOSEN' &&
    !(value ?? []).some((id) => ofUnit.has(String(id)))
      ? 'beh.delegations.validation.chooseAssignments'
      : undefined;
