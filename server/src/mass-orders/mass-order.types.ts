import { Prop } from '../common/api-schema.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from '../directory/entities/assignment.entity.js';
import { PURPOSES, type Purpose } from '../directory/entities/base.js';
import { LineWarning } from '../orders/order-warnings.js';
import { ORDER_STATUSES, ORDER_TYPES, type OrderStatus, type OrderType } from '../orders/order.types.js';

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */

/** The assignment a mass order is about, as the "Redigera användare" page heads it. */
export class MassOrderAssignment {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.oneOf(ASSIGNMENT_KINDS, 'AssignmentKind') kind!: AssignmentKind;
  @Prop.oneOf(PURPOSES, 'Purpose') purpose!: Purpose;
  @Prop.text({ nullable: true }) description!: string | null;
  @Prop.bool() privateProviderOnly!: boolean;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.text() careUnitHsaId!: string;
  @Prop.text() administrationName!: string;
  @Prop.int() memberCount!: number;
  @Prop.int() pendingGrantCount!: number;
}

/** A person as the mass-order lists show them: personnummer masked. */
export class PersonBrief {
  @Prop.id() id!: string;
  @Prop.text() userId!: string;
  @Prop.text() firstName!: string;
  @Prop.text() lastName!: string;
  @Prop.text({ nullable: true, description: 'Masked: 1985xxxx-xxxx.' }) personnummer!: string | null;
  @Prop.text() organisation!: string;
}

export const MEMBER_STATUSES = ['HOLDING', 'PENDING_GRANT'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export class Member extends PersonBrief {
  @Prop.oneOf(MEMBER_STATUSES, 'MemberStatus') status!: MemberStatus;
  @Prop.date({ nullable: true }) heldFrom!: string | null;
  @Prop.bool() pendingRevoke!: boolean;
  @Prop.text({ nullable: true }) pendingOrderNumber!: string | null;
  @Prop.bool({ description: 'May be ticked "Ta bort".' }) removable!: boolean;
  @Prop.text({ nullable: true, description: 'Why not removable, in Swedish.' }) reasonText!: string | null;
}

/** A search hit or an imported person, marked for the assignment. */
export class Candidate extends PersonBrief {
  @Prop.bool() hasActiveEngagement!: boolean;
  @Prop.bool() holds!: boolean;
  @Prop.oneOf(ORDER_TYPES, 'OrderType', { nullable: true }) pending!: OrderType | null;
}

/** A line of an import that named a person. */
export class ImportedCandidate extends Candidate {
  @Prop.int() line!: number;
  @Prop.text() value!: string;
}

export class ImportLine {
  @Prop.int() line!: number;
  @Prop.text() value!: string;
}

export class InvalidImportLine extends ImportLine {
  @Prop.text() message!: string;
}

export class DuplicateImportLine extends ImportLine {
  @Prop.id() personId!: string;
}

export class ImportReport {
  @Prop.list(() => ImportedCandidate) found!: ImportedCandidate[];
  @Prop.list(() => ImportLine) notFound!: ImportLine[];
  @Prop.list(() => InvalidImportLine) invalid!: InvalidImportLine[];
  @Prop.list(() => DuplicateImportLine) duplicates!: DuplicateImportLine[];
}

export class RuleBreach {
  @Prop.text() rule!: string;
  @Prop.text() message!: string;
}

export class PersonVerdict {
  @Prop.id() personId!: string;
  @Prop.oneOf(ORDER_TYPES, 'OrderType') type!: OrderType;
  @Prop.bool() ok!: boolean;
  @Prop.list(() => RuleBreach) violations!: RuleBreach[];
  /** Soft rules the orderer must confirm before sending (rule 2d); left out when none. */
  @Prop.list(() => LineWarning, {
    optional: true,
    description: 'Warnings to confirm before sending (confirmedWarnings); left out when none.',
  })
  warnings?: LineWarning[];
}

export class CheckResult {
  @Prop.bool() ok!: boolean;
  @Prop.list(() => RuleBreach) violations!: RuleBreach[];
  @Prop.list(() => PersonVerdict) persons!: PersonVerdict[];
}

export class SentOrder {
  @Prop.id() id!: string;
  @Prop.text() orderNumber!: string;
  @Prop.id() endUserId!: string;
  @Prop.oneOf(ORDER_TYPES, 'OrderType') type!: OrderType;
}

export class SentBatch {
  @Prop.id() batchId!: string;
  @Prop.list(() => SentOrder) orders!: SentOrder[];
}

export class BatchOrder {
  @Prop.id() id!: string;
  @Prop.text() orderNumber!: string;
  @Prop.oneOf(ORDER_TYPES, 'OrderType') type!: OrderType;
  @Prop.oneOf(ORDER_STATUSES, 'OrderStatus') status!: OrderStatus;
  @Prop.id() endUserId!: string;
  @Prop.text() endUserName!: string;
  @Prop.text() endUserUserId!: string;
}

export class BatchSummary {
  @Prop.id() id!: string;
  @Prop.dateTime() createdAt!: Date;
  @Prop.id() assignmentId!: string;
  @Prop.text() assignmentName!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.id() ordererId!: string;
  @Prop.text() ordererName!: string;
  @Prop.id() attestantId!: string;
  @Prop.text() attestantName!: string;
  @Prop.date() startDate!: string;
  @Prop.bool() urgent!: boolean;
  @Prop.text({ nullable: true }) comment!: string | null;
  @Prop.int() grantCount!: number;
  @Prop.int() revokeCount!: number;
  @Prop.int() awaitingCount!: number;
}

export class BatchView extends BatchSummary {
  @Prop.list(() => BatchOrder) orders!: BatchOrder[];
}
