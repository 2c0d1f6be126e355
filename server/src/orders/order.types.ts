import { Prop } from '../common/api-schema.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from '../directory/entities/assignment.entity.js';
import { PURPOSES, type Purpose } from '../directory/entities/base.js';
import { LineWarning } from './order-warnings.js';

export const ORDER_TYPES = ['GRANT', 'REVOKE', 'CHANGE'] as const;
/** GRANT: Nyupplägg; REVOKE: Avslut; CHANGE: Förändring (access orders only). */
export type OrderType = (typeof ORDER_TYPES)[number];

/** The types a VMU order (and a mass order) can have: no Förändring. */
export const VMU_ORDER_TYPES = ['GRANT', 'REVOKE'] as const satisfies readonly OrderType[];
export type VmuOrderType = (typeof VMU_ORDER_TYPES)[number];

/** VMU: assignments at one care unit; ACCESS: templates of one verksamhet (issue 14). */
export const ORDER_KINDS = ['VMU', 'ACCESS'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_STATUSES = ['AWAITING_ATTEST', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ITEM_STATUSES = ['PENDING', 'DONE', 'REMOVED', 'REJECTED'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Which orders a history list shows (docs/api-contract-orders.md). */
export const ORDER_SCOPES = ['mine', 'all', 'enduser', 'attest'] as const;
export type OrderScope = (typeof ORDER_SCOPES)[number];

/*
 * The answers below are classes, not interfaces, only so that their property decorators can
 * describe them in the OpenAPI description (common/api-schema.ts); they are never instantiated.
 */

/** What every list of orders shows of an order: the history's and the attest queue's rows share it. */
export class OrderHeadline {
  @Prop.id() id!: string;
  @Prop.text() orderNumber!: string;
  @Prop.dateTime() createdAt!: Date;
  @Prop.oneOf(ORDER_TYPES, 'OrderType') type!: OrderType;
  @Prop.oneOf(ORDER_STATUSES, 'OrderStatus') status!: OrderStatus;
  @Prop.bool() urgent!: boolean;
  @Prop.date() startDate!: string;
  @Prop.date({ nullable: true }) endDate!: string | null;
  @Prop.id() ordererId!: string;
  @Prop.text() ordererName!: string;
  @Prop.text() ordererUserId!: string;
  @Prop.id() endUserId!: string;
  @Prop.text() endUserName!: string;
  @Prop.text() endUserUserId!: string;
  @Prop.oneOf(ORDER_KINDS, 'OrderKind') kind!: OrderKind;
  /** The care unit of a VMU order; null for an ACCESS order. */
  @Prop.id({ nullable: true }) careUnitId!: string | null;
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  @Prop.text({ nullable: true }) administrationName!: string | null;
  /** The verksamhet of an ACCESS order, and its område; null for a VMU order. */
  @Prop.id({ nullable: true }) accessOperationId!: string | null;
  @Prop.text({ nullable: true }) accessOperationName!: string | null;
  @Prop.text({ nullable: true }) areaName!: string | null;
}

/** An order in the history list. */
export class OrderListItem extends OrderHeadline {
  @Prop.id() attestantId!: string;
  @Prop.text() attestantName!: string;
  @Prop.text() attestantUserId!: string;
  @Prop.bool() hasFeedback!: boolean;
  /** Återkopplingsinfo: only ever given to the orderer; null for everyone else. */
  @Prop.text({ nullable: true, description: 'Återkopplingsinfo: only ever given to the orderer.' })
  feedback!: string | null;
}

/** A system of a template line, with the names of the roles the template gives in it. */
export class OrderLineSystem {
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
  @Prop.textList() roles!: string[];
}

/**
 * A line of an order: an assignment (VMU) or a template with a profession (ACCESS); the fields of
 * the other kind are null.
 */
export class OrderItemView {
  @Prop.id() id!: string;
  @Prop.id({ nullable: true }) assignmentId!: string | null;
  @Prop.text({ nullable: true }) assignmentName!: string | null;
  @Prop.oneOf(ASSIGNMENT_KINDS, 'AssignmentKind', { nullable: true }) kind!: AssignmentKind | null;
  @Prop.oneOf(PURPOSES, 'Purpose', { nullable: true }) purpose!: Purpose | null;
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  @Prop.id({ nullable: true }) templateId!: string | null;
  @Prop.text({ nullable: true }) templateName!: string | null;
  @Prop.id({ nullable: true }) professionId!: string | null;
  @Prop.text({ nullable: true }) professionName!: string | null;
  /** A Förändring line: the template and profession it replaces. */
  @Prop.text({ nullable: true }) previousTemplateName!: string | null;
  @Prop.text({ nullable: true }) previousProfessionName!: string | null;
  /** A template line's systems and roles, as the catalogue has them now; empty for an assignment. */
  @Prop.list(() => OrderLineSystem) systems!: OrderLineSystem[];
  @Prop.oneOf(ITEM_STATUSES, 'OrderItemStatus') status!: ItemStatus;
  /** The warnings the orderer confirmed for this line when placing (rule 2d); usually none. */
  @Prop.list(() => LineWarning, { description: 'Warnings the orderer confirmed for the line (rule 2d).' })
  warnings!: LineWarning[];
}

export class OrderEventView {
  @Prop.dateTime() at!: Date;
  @Prop.text({ nullable: true }) actorName!: string | null;
  @Prop.text() action!: string;
}

export class OrderDetail extends OrderListItem {
  @Prop.text({ nullable: true }) comment!: string | null;
  @Prop.text({ nullable: true }) rejectComment!: string | null;
  @Prop.list(() => OrderItemView) items!: OrderItemView[];
  @Prop.list(() => OrderEventView) events!: OrderEventView[];
  @Prop.bool() canChangeAttestant!: boolean;
  @Prop.bool() canCancel!: boolean;
  /** Rule 11: the orderer is also the attestant (allowed, but marked: "Beställaren attesterar själv"). */
  @Prop.bool({ description: 'The orderer is also the attestant (allowed, marked; rule 11).' })
  orderedByAttestant!: boolean;
}

/** The answer to a send: one order per care unit (VMU) and one per verksamhet (ACCESS). */
export class PlacedOrder {
  @Prop.id() id!: string;
  @Prop.text() orderNumber!: string;
  @Prop.oneOf(ORDER_KINDS, 'OrderKind') kind!: OrderKind;
  @Prop.id({ nullable: true }) careUnitId!: string | null;
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  @Prop.id({ nullable: true }) accessOperationId!: string | null;
  @Prop.text({ nullable: true }) accessOperationName!: string | null;
}

/** Why an assignment is shown in the wizard but cannot be ticked. */
export const NOT_ORDERABLE_REASONS = [
  'ALREADY_HELD',
  'ALREADY_PENDING',
  'PRIVATE_PROVIDER_ONLY',
  'NO_ACTIVE_ENGAGEMENT',
  'PERSON_INACTIVE',
] as const;
export type NotOrderableReason = (typeof NOT_ORDERABLE_REASONS)[number];

export class OrderableAssignment {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.oneOf(ASSIGNMENT_KINDS, 'AssignmentKind') kind!: AssignmentKind;
  @Prop.oneOf(PURPOSES, 'Purpose') purpose!: Purpose;
  @Prop.text({ nullable: true }) description!: string | null;
  @Prop.bool() privateProviderOnly!: boolean;
  /** Kräver behörighet i lokala eller regionala system: a Nyupplägg needs a template line in the same send. */
  @Prop.bool({
    description: 'A GRANT of it needs a template line in the same send (LOCAL_ACCESS_REQUIRED).',
  })
  requiresLocalAccess!: boolean;
  @Prop.bool() orderable!: boolean;
  @Prop.oneOf(NOT_ORDERABLE_REASONS, 'NotOrderableReason', { nullable: true })
  reason!: NotOrderableReason | null;
  @Prop.text({ nullable: true, description: 'Why it cannot be ticked, in Swedish.' })
  reasonText!: string | null;
  @Prop.date({ optional: true, description: 'For an assignment held now (Avslut): since when.' })
  heldFrom?: string;
  /** Soft rules the orderer will be asked to confirm when sending (rule 2d); left out when none. */
  @Prop.list(() => LineWarning, {
    optional: true,
    description: 'Warnings placing will ask the orderer to confirm (confirmedWarnings); left out when none.',
  })
  warnings?: LineWarning[];
}

export class OrderableUnit {
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.text() careUnitHsaId!: string;
  @Prop.text() administrationName!: string;
  @Prop.list(() => OrderableAssignment) assignments!: OrderableAssignment[];
}

export class OrderableEndUser {
  @Prop.bool() hasActiveEngagement!: boolean;
  @Prop.bool() privateProvider!: boolean;
  @Prop.bool({ description: 'False: gone from the directory (KIV); only REVOKE (rule 37).' })
  active!: boolean;
}

export class OrderableAnswer {
  /** null when asked without an end user (mass orders). */
  @Prop.object(() => OrderableEndUser, {
    nullable: true,
    description: 'null when asked without an end user.',
  })
  endUser!: OrderableEndUser | null;
  @Prop.list(() => OrderableUnit) units!: OrderableUnit[];
}

export class AttestantView {
  @Prop.id() id!: string;
  @Prop.text() userId!: string;
  @Prop.text() firstName!: string;
  @Prop.text() lastName!: string;
  @Prop.text({ nullable: true }) title!: string | null;
}

/** Why a template is shown in the wizard but cannot be chosen. */
export const NOT_ORDERABLE_TEMPLATE_REASONS = [
  'TEMPLATE_ALREADY_HELD',
  'TEMPLATE_ALREADY_PENDING',
  'NO_ACTIVE_ENGAGEMENT',
  'PERSON_INACTIVE',
] as const;
export type NotOrderableTemplateReason = (typeof NOT_ORDERABLE_TEMPLATE_REASONS)[number];

export class OrderableProfession {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
}

/** A template the end user holds: the profession it was given for, and since when. */
export class HeldTemplate {
  @Prop.id() professionId!: string;
  @Prop.text() professionName!: string;
  @Prop.date() heldFrom!: string;
}

export class OrderableTemplate {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() description!: string;
  @Prop.list(() => OrderableProfession) professions!: OrderableProfession[];
  @Prop.list(() => OrderLineSystem) systems!: OrderLineSystem[];
  @Prop.bool() orderable!: boolean;
  @Prop.oneOf(NOT_ORDERABLE_TEMPLATE_REASONS, 'NotOrderableTemplateReason', { nullable: true })
  reason!: NotOrderableTemplateReason | null;
  @Prop.text({ nullable: true, description: 'Why it cannot be chosen, in Swedish.' })
  reasonText!: string | null;
  /** What the end user holds of it (Förändring, Avslut); null when not held or without an end user. */
  @Prop.object(() => HeldTemplate, { nullable: true }) held!: HeldTemplate | null;
}

export class OrderableOperation {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.list(() => OrderableTemplate) templates!: OrderableTemplate[];
}

export class OrderableArea {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.list(() => OrderableOperation) operations!: OrderableOperation[];
}

export class OrderableTemplatesAnswer {
  @Prop.object(() => OrderableEndUser, {
    nullable: true,
    description: 'null when asked without an end user.',
  })
  endUser!: OrderableEndUser | null;
  @Prop.list(() => OrderableArea) areas!: OrderableArea[];
}
