/**
 * What a person may do, derived from the directory (who heads which unit), the active
 * delegations and the administrator configuration. Never stored in the database, so never a flag
 * anyone could set; a process keeps a session's rights between requests only while the version
 * of their sources, the day and the person's administrator flag are unchanged (auth's
 * RightsCache), so they are never stale either.
 */

/** Which assignments of a unit a right covers: none, the whole unit, or the listed ones. */
export type Scope = null | 'ALL' | readonly string[];

export interface UnitRights {
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  /** The directory names this person head of the unit. */
  head: boolean;
  /** Holds at least one active delegation for the unit. */
  delegated: boolean;
  order: Scope;
  attest: Scope;
}

/** An active delegation as it adds to the delegate's rights. */
export interface DelegatedGrant {
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  mayOrder: boolean;
  mayAttest: boolean;
  /** Empty: the whole unit. */
  assignmentIds: string[];
}

export interface HeadedUnit {
  id: string;
  name: string;
  hsaId: string;
}

/** Several delegations for one unit add up: the whole unit wins over lists, lists are joined. */
export function mergeScopes(a: Scope, b: Scope): Scope {
  if (a === 'ALL' || b === 'ALL') return 'ALL';
  if (a === null) return b;
  if (b === null) return a;
  return [...new Set([...a, ...b])].sort();
}

function covers(scope: Scope, assignmentId: string | undefined): boolean {
  if (scope === null) return false;
  if (scope === 'ALL' || assignmentId === undefined) return true;
  return scope.includes(assignmentId);
}

export class Rights {
  readonly units: readonly UnitRights[];

  constructor(
    readonly personId: string,
    readonly administrator: boolean,
    headed: readonly HeadedUnit[],
    grants: readonly DelegatedGrant[],
  ) {
    const byUnit = new Map<string, UnitRights>();
    for (const unit of headed) {
      byUnit.set(unit.id, {
        careUnitId: unit.id,
        careUnitName: unit.name,
        careUnitHsaId: unit.hsaId,
        head: true,
        delegated: false,
        order: 'ALL',
        attest: 'ALL',
      });
    }
    for (const grant of grants) {
      const unit = byUnit.get(grant.careUnitId) ?? {
        careUnitId: grant.careUnitId,
        careUnitName: grant.careUnitName,
        careUnitHsaId: grant.careUnitHsaId,
        head: false,
        delegated: false,
        order: null,
        attest: null,
      };
      const scope: Scope = grant.assignmentIds.length === 0 ? 'ALL' : grant.assignmentIds;
      unit.delegated = true;
      if (grant.mayOrder) unit.order = mergeScopes(unit.order, scope);
      if (grant.mayAttest) unit.attest = mergeScopes(unit.attest, scope);
      byUnit.set(unit.careUnitId, unit);
    }
    this.units = [...byUnit.values()].sort((a, b) => a.careUnitName.localeCompare(b.careUnitName, 'sv'));
  }

  get headOf(): string[] {
    return this.units.filter((u) => u.head).map((u) => u.careUnitId);
  }

  get isHead(): boolean {
    return this.units.some((u) => u.head);
  }

  get isDelegate(): boolean {
    return this.units.some((u) => u.delegated);
  }

  /** Administrator, head of some unit or holder of an active delegation: may read the directory. */
  get holdsRights(): boolean {
    return this.administrator || this.isHead || this.isDelegate;
  }

  /** May grant delegations somewhere: an administrator or a head of some unit. */
  get mayDelegate(): boolean {
    return this.administrator || this.isHead;
  }

  heads(careUnitId: string): boolean {
    return this.units.some((u) => u.careUnitId === careUnitId && u.head);
  }

  /** May grant or change delegations for this unit. */
  mayDelegateFor(careUnitId: string): boolean {
    return this.administrator || this.heads(careUnitId);
  }

  mayOrder(careUnitId: string, assignmentId?: string): boolean {
    const unit = this.units.find((u) => u.careUnitId === careUnitId);
    return unit !== undefined && covers(unit.order, assignmentId);
  }

  mayAttest(careUnitId: string, assignmentId?: string): boolean {
    const unit = this.units.find((u) => u.careUnitId === careUnitId);
    return unit !== undefined && covers(unit.attest, assignmentId);
  }
}
