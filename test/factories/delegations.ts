/** Delegation factories: granted and revoked through DelegationsService, as a head of unit does. */
import { Clock } from '../../server/src/common/clock.js';
import type { DelegationItem, Right } from '../../server/src/delegations/delegation.types.js';
import { DelegationsService } from '../../server/src/delegations/delegations.service.js';
import type { TestApp } from '../support/test-app.js';
import { actorFor } from './actors.js';
import type { AssignmentMade, CareUnitMade, PersonMade } from './directory.js';

export interface NewDelegation {
  unit: CareUnitMade;
  delegate: PersonMade;
  /** Default: both, ORDER and ATTEST. */
  rights?: Right[];
  /** Only these assignments of the unit; left out or empty: the whole unit. */
  assignments?: AssignmentMade[];
  /** Default: today (a delegation cannot start in the past). */
  validFrom?: string;
  validTo?: string | null;
  /** Default: the unit's head. */
  grantor?: PersonMade;
}

/**
 * A delegation granted by the unit's head (or `grantor`), from today unless told otherwise. The
 * delegate needs an active engagement somewhere (rule 20, Delegations are granted by the head of
 * unit); for one that started earlier, grant it inside asOf.
 */
export async function newDelegation(t: TestApp, options: NewDelegation): Promise<DelegationItem> {
  const grantor = options.grantor ?? options.unit.head;
  if (!grantor) throw new Error(`${options.unit.name} has no head to grant the delegation: name a grantor`);
  return t.app.get(DelegationsService).create(await actorFor(t, grantor), {
    delegateId: options.delegate.id,
    careUnitId: options.unit.id,
    rights: options.rights ?? ['ORDER', 'ATTEST'],
    assignmentIds: (options.assignments ?? []).map((a) => a.id),
    validFrom: options.validFrom ?? t.app.get(Clock).today(),
    validTo: options.validTo ?? null,
  });
}

/** Revokes a delegation as `by` (a head of its unit or an administrator). */
export async function revokeDelegation(
  t: TestApp,
  delegation: { id: string },
  by: PersonMade,
): Promise<DelegationItem> {
  return t.app.get(DelegationsService).update(await actorFor(t, by), delegation.id, { status: 'REVOKED' });
}
