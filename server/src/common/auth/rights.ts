/**
 * What a person may do, derived from the directory (who heads which unit), the access catalogue
 * (who heads which verksamhet, who administers which system), the active delegations and the
 * administrator configuration. Never stored in the database, so never a flag
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

/**
 * What a person may do for a verksamhet (access_operation) of the access catalogue: its head
 * orders and attests there, and delegations for it add ORDER or ATTEST (always the whole
 * verksamhet: a verksamhet's delegation lists no assignments).
 */
export interface OperationRights {
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  /** The catalogue names this person head of the verksamhet. */
  head: boolean;
  /** Holds at least one active delegation for the verksamhet. */
  delegated: boolean;
  order: boolean;
  attest: boolean;
}

/** A verksamhet the person heads, with its område. */
export interface HeadedOperation {
  id: string;
  name: string;
  areaId: string;
  areaName: string;
}

/** An active delegation for a verksamhet as it adds to the delegate's rights. */
export interface DelegatedOperationGrant {
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  mayOrder: boolean;
  mayAttest: boolean;
}

/** A local or regional system the person administers (carries out its manual parts). */
export interface AdministeredSystem {
  systemId: string;
  systemName: string;
}

/** The rights' sources beside the units: verksamheter headed or delegated, systems administered. */
export interface AccessSources {
  headedOperations?: readonly HeadedOperation[];
  operationGrants?: readonly DelegatedOperationGrant[];
  systems?: readonly AdministeredSystem[];
  /** Administrators made the person an auditor (Revisorer): a reader of the region, never a writer. */
  auditor?: boolean;
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
  /** Per verksamhet, what the person may do there; by område, then name. */
  readonly operations: readonly OperationRights[];
  /** The systems the person administers, by name. */
  readonly systems: readonly AdministeredSystem[];
  /**
   * An auditor (Revisorer, assigned by administrators): reads the routes marked `@AuditorReads`
   * region-wide, as an administrator reads them, and gets no other right from it (it changes nothing).
   */
  readonly auditor: boolean;

  constructor(
    readonly personId: string,
    readonly administrator: boolean,
    headed: readonly HeadedUnit[],
    grants: readonly DelegatedGrant[],
    access: AccessSources = {},
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

    const byOperation = new Map<string, OperationRights>();
    for (const op of access.headedOperations ?? []) {
      byOperation.set(op.id, {
        operationId: op.id,
        operationName: op.name,
        areaId: op.areaId,
        areaName: op.areaName,
        head: true,
        delegated: false,
        order: true,
        attest: true,
      });
    }
    for (const grant of access.operationGrants ?? []) {
      const op = byOperation.get(grant.operationId) ?? {
        operationId: grant.operationId,
        operationName: grant.operationName,
        areaId: grant.areaId,
        areaName: grant.areaName,
        head: false,
        delegated: false,
        order: false,
        attest: false,
      };
      op.delegated = true;
      op.order ||= grant.mayOrder;
      op.attest ||= grant.mayAttest;
      byOperation.set(op.operationId, op);
    }
    this.operations = [...byOperation.values()].sort(
      (a, b) =>
        a.areaName.localeCompare(b.areaName, 'sv') || a.operationName.localeCompare(b.operationName, 'sv'),
    );
    const bySystem = new Map((access.systems ?? []).map((s) => [s.systemId, s]));
    this.systems = [...bySystem.values()].sort((a, b) => a.systemName.localeCompare(b.systemName, 'sv'));
    this.auditor = access.auditor ?? false;
  }

  /**
   * These rights for a region-wide read (an auditor on a route marked `@AuditorReads`): the same,
   * but reading as an administrator reads (every unit, verksamhet and delegation). Only ever given
   * to a read through `CurrentReader`; writes keep the person's own rights.
   */
  readingRegionWide(): Rights {
    if (this.administrator) return this;
    const reader = Object.create(Rights.prototype) as Rights;
    return Object.assign(reader, this, { administrator: true });
  }

  /** The care units this person heads. */
  get headOf(): string[] {
    return this.units.filter((u) => u.head).map((u) => u.careUnitId);
  }

  /** The verksamheter this person heads. */
  get headOfOperations(): string[] {
    return this.operations.filter((o) => o.head).map((o) => o.operationId);
  }

  /** Head of some care unit or of some verksamhet. */
  get isHead(): boolean {
    return this.units.some((u) => u.head) || this.operations.some((o) => o.head);
  }

  /** Holds an active delegation for some care unit or verksamhet. */
  get isDelegate(): boolean {
    return this.units.some((u) => u.delegated) || this.operations.some((o) => o.delegated);
  }

  /**
   * Administrator, head of some unit or verksamhet or holder of an active delegation: may read
   * the directory. Administering a system alone is not such a right: the fulfilment queue shows
   * its administrators what they need.
   */
  get holdsRights(): boolean {
    return this.administrator || this.isHead || this.isDelegate;
  }

  /**
   * An auditor with no other role (administrator, head, delegate, system administrator): may
   * change nothing at all, so the guard refuses them every write that is not public (sign-out).
   */
  get readOnly(): boolean {
    return this.auditor && !this.holdsRights && this.systems.length === 0;
  }

  /** May grant delegations somewhere: an administrator or a head of some unit or verksamhet. */
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

  headsOperation(operationId: string): boolean {
    return this.operations.some((o) => o.operationId === operationId && o.head);
  }

  /** May grant or change delegations for this verksamhet: its head or an administrator. */
  mayDelegateForOperation(operationId: string): boolean {
    return this.administrator || this.headsOperation(operationId);
  }

  /** May order access (behörighetsmallar) for this verksamhet: its head or an ORDER delegate. */
  mayOrderAccess(operationId: string): boolean {
    return this.operations.some((o) => o.operationId === operationId && o.order);
  }

  /** May attest access orders of this verksamhet: its head or an ATTEST delegate. */
  mayAttestAccess(operationId: string): boolean {
    return this.operations.some((o) => o.operationId === operationId && o.attest);
  }

  /** Administers this local or regional system (system_administrator). */
  administersSystem(systemId: string): boolean {
    return this.systems.some((s) => s.systemId === systemId);
  }
}
