/** Delegations as the API returns them: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type DelegationRight = Schemas['DelegationRight'];
/** Computed by the server from the dates, revocation and Stockholm's today; never stored. */
export type DelegationStatus = Schemas['DelegationStatus'];

export type Delegation = Schemas['DelegationItem'];
export type DelegationEventAction = Schemas['DelegationEventAction'];
/** An event of the delegation's history (from the audit log), with its state before and after. */
export type DelegationEvent = Schemas['DelegationEventItem'];
export type DelegationDetail = Schemas['DelegationDetail'];

export type GrantableAssignment = Schemas['GrantableAssignment'];
/** A unit the signed-in user may delegate for, as the unit picker lists it. */
export type GrantableUnitItem = Schemas['GrantableUnitItem'];
/** One such unit with its assignment catalogue. */
export type GrantableUnit = Schemas['GrantableUnit'];

/** `POST /api/delegations`. */
export type NewDelegation = Schemas['CreateDelegationDto'];
/** `PATCH /api/delegations/:id` that narrows a delegation; only the fields that change. */
export type DelegationLimit = Omit<Schemas['UpdateDelegationDto'], 'status'>;
