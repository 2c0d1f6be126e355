/** Delegations as the API returns them (docs/api-contract-auth.md, "Delegations"). */
import type { Identifier, RaRecord } from 'react-admin';
import type { CalendarDate } from '../types';

export type DelegationRight = 'ORDER' | 'ATTEST';

/** Computed by the server from the dates, revocation and Stockholm's today; never stored. */
export type DelegationStatus = 'ACTIVE' | 'FUTURE' | 'ENDED' | 'REVOKED';

export interface Delegation extends RaRecord {
  delegateId: Identifier;
  delegateName: string;
  delegateUserId: string;
  careUnitId: Identifier;
  careUnitName: string;
  grantorId: Identifier;
  grantorName: string;
  rights: DelegationRight[];
  /** Empty: the whole unit. */
  assignmentIds: Identifier[];
  assignmentNames: string[];
  validFrom: CalendarDate;
  /** null: until further notice. */
  validTo: CalendarDate | null;
  status: DelegationStatus;
  revokedAt: string | null;
  revokedByName: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DelegationEventAction = 'CREATED' | 'LIMITED' | 'REVOKED';

export interface DelegationEvent {
  id: Identifier;
  /** ISO timestamp. */
  at: string;
  actorName: string;
  action: DelegationEventAction;
  /** The delegation's state before and after the change, as the server recorded it. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface DelegationDetail extends Delegation {
  events: DelegationEvent[];
}

export interface GrantableAssignment {
  id: Identifier;
  name: string;
  kind: string;
}

/** A unit the signed-in user may delegate for, with its assignment catalogue. */
export interface GrantableUnit {
  id: Identifier;
  name: string;
  hsaId: string;
  assignments: GrantableAssignment[];
}

/** `POST /api/delegations`. */
export interface NewDelegation {
  delegateId: Identifier;
  careUnitId: Identifier;
  rights: DelegationRight[];
  assignmentIds?: Identifier[];
  validFrom: CalendarDate;
  validTo?: CalendarDate | null;
}

/** `PATCH /api/delegations/:id` that narrows a delegation; only the fields that change. */
export interface DelegationLimit {
  validTo?: CalendarDate;
  rights?: DelegationRight[];
  assignmentIds?: Identifier[];
}
