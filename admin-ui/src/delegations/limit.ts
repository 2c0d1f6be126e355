import type { Identifier } from 'react-admin';
import type { CalendarDate } from '../types';
import type { Delegation, DelegationLimit, DelegationRight } from './types';

/** The limit dialog's fields. */
export interface LimitFormValues {
  validTo?: CalendarDate | null;
  rights: DelegationRight[];
  scope: 'UNIT' | 'CHOSEN';
  assignmentIds: string[];
}

export const limitDefaults = (delegation: Delegation): LimitFormValues => ({
  validTo: delegation.validTo,
  rights: delegation.rights,
  scope: delegation.assignmentIds.length === 0 ? 'UNIT' : 'CHOSEN',
  assignmentIds: delegation.assignmentIds.map(String),
});

const sameSet = (a: readonly Identifier[], b: readonly Identifier[]) =>
  a.length === b.length && a.every((id) => b.map(String).includes(String(id)));

/** Only what changed goes to the server; an empty limit means there is nothing to send. */
export function toLimit(delegation: Delegation, values: LimitFormValues): DelegationLimit {
  const limit: DelegationLimit = {};
  if (values.validTo && values.validTo !== delegation.validTo) limit.validTo = values.validTo;
  if (!sameSet(values.rights, delegation.rights)) limit.rights = values.rights;
  if (values.scope === 'CHOSEN' && !sameSet(values.assignmentIds, delegation.assignmentIds))
    limit.assignmentIds = values.assignmentIds;
  return limit;
}

/** A limit may only narrow: the end date may move earlier, never later (nor be removed). */
export const notAfterCurrentEnd =
  (delegation: Delegation) =>
  (value: CalendarDate | null | undefined): string | undefined => {
    if (delegation.validTo && !value) return 'beh.delegations.validation.keepEndDate';
    if (value && delegation.validTo && value > delegation.validTo)
      return 'beh.delegations.validation.onlyEarlier';
    return undefined;
  };
