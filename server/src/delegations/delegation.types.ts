import { isActiveDelegation } from './delegations.reads.js';

export const RIGHTS = ['ORDER', 'ATTEST'] as const;
export type Right = (typeof RIGHTS)[number];

export const STATUSES = ['ACTIVE', 'FUTURE', 'ENDED', 'REVOKED'] as const;
export type DelegationStatus = (typeof STATUSES)[number];

export type EventAction = 'CREATED' | 'LIMITED' | 'REVOKED';

/** A delegation as the API shows it (docs/api-contract-auth.md). */
export interface DelegationItem {
  id: string;
  delegateId: string;
  delegateName: string;
  delegateUserId: string;
  careUnitId: string;
  careUnitName: string;
  grantorId: string;
  grantorName: string;
  rights: Right[];
  /** Empty: the whole unit. */
  assignmentIds: string[];
  assignmentNames: string[];
  validFrom: string;
  /** null: until further notice. */
  validTo: string | null;
  status: DelegationStatus;
  revokedAt: Date | null;
  revokedByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DelegationEventItem {
  id: string;
  at: Date;
  actorName: string;
  action: EventAction;
  before: DelegationSnapshot | null;
  after: DelegationSnapshot;
}

export interface DelegationDetail extends DelegationItem {
  events: DelegationEventItem[];
}

/** What an event records of the delegation before and after a change. */
export interface DelegationSnapshot {
  rights: Right[];
  assignmentIds: string[];
  validFrom: string;
  validTo: string | null;
  revokedAt?: string | null;
}

export interface GrantableUnit {
  id: string;
  name: string;
  hsaId: string;
  assignments: { id: string; name: string; kind: string }[];
}

/** Status from the dates and revocation, against Stockholm's today (YYYY-MM-DD compares as text). */
export function statusOf(
  d: { validFrom: string; validTo: string | null; revokedAt: Date | null },
  today: string,
): DelegationStatus {
  if (isActiveDelegation(d, today)) return 'ACTIVE';
  if (d.revokedAt !== null) return 'REVOKED';
  return d.validFrom > today ? 'FUTURE' : 'ENDED';
}

export function rightsOf(mayOrder: boolean, mayAttest: boolean): Right[] {
  return RIGHTS.filter((r) => (r === 'ORDER' ? mayOrder : mayAttest));
}
