import type { Actor } from '../common/auth/request-auth.js';
import type { Scope } from '../common/auth/rights.js';

/** GET /api/me, as docs/api-contract-auth.md describes it. */
export interface Me {
  person: {
    id: string;
    userId: string;
    hsaId: string;
    firstName: string;
    lastName: string;
    title: string | null;
    email: string | null;
  };
  roles: { administrator: boolean; headOfUnit: boolean; delegate: boolean };
  units: MeUnit[];
  tiles: { vmuSingle: boolean; vmuMass: boolean; attest: boolean; delegations: boolean };
}

export interface MeUnit {
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  order: boolean;
  attest: boolean;
  delegate: boolean;
  /** null: the whole unit; else the assignments some right covers. */
  assignmentIds: string[] | null;
  via: ('HEAD' | 'DELEGATION')[];
}

function assignmentIds(order: Scope, attest: Scope): string[] | null {
  if (order === 'ALL' || attest === 'ALL') return null;
  return [...new Set([...(order ?? []), ...(attest ?? [])])].sort();
}

export function describeMe({ person, rights }: Actor): Me {
  const units: MeUnit[] = rights.units.map((u) => ({
    careUnitId: u.careUnitId,
    careUnitName: u.careUnitName,
    careUnitHsaId: u.careUnitHsaId,
    order: u.order !== null,
    attest: u.attest !== null,
    delegate: u.head,
    assignmentIds: assignmentIds(u.order, u.attest),
    via: [...(u.head ? (['HEAD'] as const) : []), ...(u.delegated ? (['DELEGATION'] as const) : [])],
  }));
  const orderAndAttest = units.some((u) => u.order && u.attest);
  return {
    person: {
      id: person.id,
      userId: person.userId,
      hsaId: person.hsaId,
      firstName: person.firstName,
      lastName: person.lastName,
      title: person.title,
      email: person.email,
    },
    roles: { administrator: rights.administrator, headOfUnit: rights.isHead, delegate: rights.isDelegate },
    units,
    tiles: {
      vmuSingle: orderAndAttest,
      vmuMass: orderAndAttest,
      attest: units.some((u) => u.attest),
      delegations: rights.mayDelegate,
    },
  };
}
