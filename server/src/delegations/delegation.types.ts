import { Prop } from '../common/api-schema.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from '../directory/entities/assignment.entity.js';
import { isActiveDelegation } from './delegations.reads.js';

export const RIGHTS = ['ORDER', 'ATTEST'] as const;
export type Right = (typeof RIGHTS)[number];

export const STATUSES = ['ACTIVE', 'FUTURE', 'ENDED', 'REVOKED'] as const;
export type DelegationStatus = (typeof STATUSES)[number];

export const EVENT_ACTIONS = ['CREATED', 'LIMITED', 'REVOKED'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */

/**
 * A delegation as the API shows it (docs/api-contract-auth.md): for a care unit (careUnitId) or
 * for a verksamhet of the access catalogue (accessOperationId), exactly one of the two.
 */
export class DelegationItem {
  @Prop.id() id!: string;
  @Prop.id() delegateId!: string;
  @Prop.text() delegateName!: string;
  @Prop.text() delegateUserId!: string;
  @Prop.id({ nullable: true, description: 'null: a delegation for a verksamhet.' }) careUnitId!:
    string | null;
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  @Prop.id({ nullable: true, description: 'null: a delegation for a care unit.' })
  accessOperationId!: string | null;
  @Prop.text({ nullable: true, description: 'The verksamhet.' }) accessOperationName!: string | null;
  @Prop.text({ nullable: true, description: "The verksamhet's område." }) areaName!: string | null;
  @Prop.id() grantorId!: string;
  @Prop.text() grantorName!: string;
  @Prop.oneOfList(RIGHTS, 'DelegationRight') rights!: Right[];
  /** Empty: the whole unit (always empty for a verksamhet). */
  @Prop.idList({ description: 'Empty: the whole unit (always empty for a verksamhet).' })
  assignmentIds!: string[];
  @Prop.textList() assignmentNames!: string[];
  @Prop.date() validFrom!: string;
  /** null: until further notice. */
  @Prop.date({ nullable: true, description: 'null: until further notice.' }) validTo!: string | null;
  @Prop.oneOf(STATUSES, 'DelegationStatus', {
    description: "From the dates and revocation, against Stockholm's today.",
  })
  status!: DelegationStatus;
  @Prop.dateTime({ nullable: true }) revokedAt!: Date | null;
  @Prop.text({ nullable: true }) revokedByName!: string | null;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime() updatedAt!: Date;
}

/** What an event records of the delegation before and after a change. */
export class DelegationSnapshot {
  @Prop.oneOfList(RIGHTS, 'DelegationRight') rights!: Right[];
  @Prop.idList() assignmentIds!: string[];
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.dateTime({ nullable: true, optional: true }) revokedAt?: string | null;
}

export class DelegationEventItem {
  @Prop.text() id!: string;
  @Prop.dateTime() at!: Date;
  @Prop.text() actorName!: string;
  @Prop.oneOf(EVENT_ACTIONS, 'DelegationEventAction') action!: EventAction;
  @Prop.object(() => DelegationSnapshot, { nullable: true }) before!: DelegationSnapshot | null;
  @Prop.object(() => DelegationSnapshot) after!: DelegationSnapshot;
}

export class DelegationDetail extends DelegationItem {
  @Prop.list(() => DelegationEventItem, { description: 'Its history, from the audit log.' })
  events!: DelegationEventItem[];
}

export class GrantableAssignment {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.oneOf(ASSIGNMENT_KINDS, 'AssignmentKind') kind!: AssignmentKind;
}

/** A unit the caller may delegate for, as the unit picker lists it. */
export class GrantableUnitItem {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() hsaId!: string;
  @Prop.text({ description: 'Förvaltning: tells units of the same name apart.' }) administrationName!: string;
}

/** One such unit with its catalogue: the assignments a delegation for it may name. */
export class GrantableUnit extends GrantableUnitItem {
  @Prop.list(() => GrantableAssignment, { description: 'General before special, then by name.' })
  assignments!: GrantableAssignment[];
}

/** A verksamhet the caller may delegate for, as the verksamhet picker lists it. */
export class GrantableOperationItem {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.id() areaId!: string;
  @Prop.text({ description: 'Område: shown as "Område / Verksamhet".' }) areaName!: string;
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
