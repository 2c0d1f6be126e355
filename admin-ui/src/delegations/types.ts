/** Delegations as the API returns them: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type DelegationRight = Schemas['DelegationRight'];
/** Computed by the server from the dates, revocation and Stockholm's today; never stored. */
export type DelegationStatus = Schemas['DelegationStatus'];

/**
 * What a delegation is for: a care unit (careUnitId) or a verksamhet of the access catalogue
 * (accessOperationId, with its område), exactly one. Written out here so that it reads the same
 * before and after src/api/schema.d.ts describes verksamheter.
 */
export interface DelegationTarget {
  careUnitId: string | null;
  careUnitName: string | null;
  accessOperationId?: string | null;
  accessOperationName?: string | null;
  /** The verksamhet's område. */
  areaName?: string | null;
}

type Targeted<T> = Omit<T, keyof DelegationTarget> & DelegationTarget;

export type Delegation = Targeted<Schemas['DelegationItem']>;
export type DelegationEventAction = Schemas['DelegationEventAction'];
/** An event of the delegation's history (from the audit log), with its state before and after. */
export type DelegationEvent = Schemas['DelegationEventItem'];
export type DelegationDetail = Targeted<Schemas['DelegationDetail']>;

export type GrantableAssignment = Schemas['GrantableAssignment'];
/** A unit the signed-in user may delegate for, as the unit picker lists it. */
export type GrantableUnitItem = Schemas['GrantableUnitItem'];
/** One such unit with its assignment catalogue. */
export type GrantableUnit = Schemas['GrantableUnit'];

/** A verksamhet the signed-in user may delegate for, as the verksamhet picker lists it. */
export interface GrantableOperationItem {
  id: string;
  name: string;
  areaId: string;
  /** Område: the picker shows "Område / Verksamhet". */
  areaName: string;
}

/** `POST /api/delegations`: for a care unit or a verksamhet (then without assignments). */
export type NewDelegation = Omit<Schemas['CreateDelegationDto'], 'careUnitId' | 'accessOperationId'> & {
  careUnitId?: string | null;
  accessOperationId?: string | null;
};

/** A verksamhet of `GET /api/me`'s `operations`: what the signed-in user may do there. */
export interface MeOperation {
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  order: boolean;
  attest: boolean;
  /** Its head: may delegate for it. */
  delegate: boolean;
}
/** `PATCH /api/delegations/:id` that narrows a delegation; only the fields that change. */
export type DelegationLimit = Omit<Schemas['UpdateDelegationDto'], 'status'>;
