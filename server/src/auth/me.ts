import { Prop } from '../common/api-schema.js';
import type { Actor } from '../common/auth/request-auth.js';
import type { Scope } from '../common/auth/rights.js';
import type { StoodInFor } from '../delegations/stand-ins.reads.js';

/*
 * GET /api/me, as docs/api-contract-auth.md describes it. Classes only so that their property
 * decorators describe them in the OpenAPI description; they are never instantiated.
 */

export class MePerson {
  @Prop.id() id!: string;
  @Prop.text({ description: 'VGR-ID.' }) userId!: string;
  @Prop.text() hsaId!: string;
  @Prop.text() firstName!: string;
  @Prop.text() lastName!: string;
  @Prop.text({ nullable: true }) title!: string | null;
  @Prop.text({ nullable: true }) email!: string | null;
}

/** The roles derived from the directory, the delegations and the auditors. */
export class MeRoles {
  @Prop.bool() administrator!: boolean;
  @Prop.bool() headOfUnit!: boolean;
  @Prop.bool() delegate!: boolean;
  @Prop.bool({
    description:
      'An auditor (Revisor), assigned by administrators: reads orders, holdings, delegations and the audit log region-wide; changes nothing.',
  })
  auditor!: boolean;
}

export const RIGHT_SOURCES = ['HEAD', 'DELEGATION'] as const;

export class MeUnit {
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.text() careUnitHsaId!: string;
  @Prop.bool() order!: boolean;
  @Prop.bool() attest!: boolean;
  @Prop.bool() delegate!: boolean;
  /** null: the whole unit; else the assignments some right covers. */
  @Prop.idList({
    nullable: true,
    description: 'null: the whole unit; else the assignments some right covers.',
  })
  assignmentIds!: string[] | null;
  @Prop.oneOfList(RIGHT_SOURCES, 'RightSource') via!: (typeof RIGHT_SOURCES)[number][];
}

/** A verksamhet (of the access catalogue) and what the person may do there. */
export class MeOperation {
  @Prop.id() operationId!: string;
  @Prop.text() operationName!: string;
  @Prop.id() areaId!: string;
  @Prop.text({ description: 'Område.' }) areaName!: string;
  @Prop.bool({ description: 'May order access (behörighetsmallar) for the verksamhet.' }) order!: boolean;
  @Prop.bool({ description: "May attest the verksamhet's access orders." }) attest!: boolean;
  @Prop.bool({ description: 'May delegate for the verksamhet (its head).' }) delegate!: boolean;
  @Prop.oneOfList(RIGHT_SOURCES, 'RightSource') via!: (typeof RIGHT_SOURCES)[number][];
}

/** A local or regional system the person administers. */
export class MeSystem {
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
}

/** An attestant the person stands in for today (Ersättare, domain.md rule 41). */
export class MeStandingInFor {
  @Prop.id({ description: 'The attestant.' }) attestantId!: string;
  @Prop.text() name!: string;
  @Prop.text({ description: 'VGR-ID.' }) userId!: string;
  @Prop.date({ description: 'The last day of the period (the latest, if several are in force).' })
  until!: string;
}

/** Which start page tiles serve this person. */
export class MeTiles {
  @Prop.bool() vmuSingle!: boolean;
  @Prop.bool() vmuMass!: boolean;
  @Prop.bool({
    description:
      'Some unit or verksamhet with attest, or standing in for an attestant today (`standingInFor`).',
  })
  attest!: boolean;
  @Prop.bool() delegations!: boolean;
}

export class Me {
  @Prop.object(() => MePerson) person!: MePerson;
  @Prop.object(() => MeRoles) roles!: MeRoles;
  @Prop.list(() => MeUnit, { description: 'Per unit, what the person may do there.' }) units!: MeUnit[];
  @Prop.list(() => MeOperation, {
    description: 'Per verksamhet, what the person may do there; by område, then name.',
  })
  operations!: MeOperation[];
  @Prop.list(() => MeSystem, { description: 'The systems the person administers, by name.' })
  systems!: MeSystem[];
  @Prop.list(() => MeStandingInFor, {
    description:
      "The attestants the person stands in for today (rule 41), by name: their queue holds those attestants' waiting orders. [] for almost everyone.",
  })
  standingInFor!: MeStandingInFor[];
  @Prop.object(() => MeTiles) tiles!: MeTiles;
}

function assignmentIds(order: Scope, attest: Scope): string[] | null {
  if (order === 'ALL' || attest === 'ALL') return null;
  return [...new Set([...(order ?? []), ...(attest ?? [])])].sort();
}

/**
 * GET /api/me for `actor`, who stands in today for `standingInFor` (stand-ins.reads.ts
 * standingInFor): a stand-in is served the attest tile even with no attest rights of their own.
 */
export function describeMe({ person, rights }: Actor, standingInFor: readonly StoodInFor[]): Me {
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
  const operations: MeOperation[] = rights.operations.map((o) => ({
    operationId: o.operationId,
    operationName: o.operationName,
    areaId: o.areaId,
    areaName: o.areaName,
    order: o.order,
    attest: o.attest,
    delegate: o.head,
    via: [...(o.head ? (['HEAD'] as const) : []), ...(o.delegated ? (['DELEGATION'] as const) : [])],
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
    roles: {
      administrator: rights.administrator,
      headOfUnit: rights.isHead,
      delegate: rights.isDelegate,
      auditor: rights.auditor,
    },
    units,
    operations,
    systems: rights.systems.map(({ systemId, systemName }) => ({ systemId, systemName })),
    standingInFor: standingInFor.map(({ attestantId, name, userId, until }) => ({
      attestantId,
      name,
      userId,
      until,
    })),
    tiles: {
      vmuSingle: orderAndAttest,
      vmuMass: orderAndAttest,
      attest: units.some((u) => u.attest) || operations.some((o) => o.attest) || standingInFor.length > 0,
      delegations: rights.mayDelegate,
    },
  };
}
