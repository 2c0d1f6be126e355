import type { DelegationEventAction, DelegationRight, DelegationStatus } from './types';

const choices = <T extends string>(prefix: string, values: readonly T[]) =>
  values.map((id) => ({ id, name: `beh.delegations.${prefix}.${id}` }));

export const RIGHTS: readonly DelegationRight[] = ['ORDER', 'ATTEST'];
export const STATUSES: readonly DelegationStatus[] = ['ACTIVE', 'FUTURE', 'ENDED', 'REVOKED'];
export const EVENT_ACTIONS: readonly DelegationEventAction[] = ['CREATED', 'LIMITED', 'REVOKED'];

export const rightChoices = choices('right', RIGHTS);
export const statusChoices = choices('status', STATUSES);

/** Limiting and revoking are for delegations that still have a future. */
export const isChangeable = (status: DelegationStatus): boolean => status === 'ACTIVE' || status === 'FUTURE';
