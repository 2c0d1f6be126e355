import { Prop } from '../common/api-schema.js';
import { HISTORY_KINDS, type HistoryKind } from './reports.queries.js';

/*
 * The reports' answers (docs/api-contract-orders.md, Reports). Classes only so that their
 * decorators describe them in the OpenAPI description; never instantiated.
 */

/**
 * The order whose carried-out Nyupplägg line granted a holding, and who attested it (derived:
 * reports.queries.ts grantingOrderSql). Null on a holding from before BEH: "ingen beställning i BEH".
 */
export class GrantingOrder {
  @Prop.id() orderId!: string;
  @Prop.text() orderNumber!: string;
  @Prop.id() attestantId!: string;
  @Prop.text() attestantName!: string;
  @Prop.text() attestantUserId!: string;
  @Prop.dateTime({ nullable: true }) decidedAt!: string | null;
  @Prop.dateTime({ nullable: true }) completedAt!: string | null;
}

/** A holding of "Innehav på datum": who held which assignment of the unit on the date. */
export class HoldingOnDate {
  /** The holding's id. */
  @Prop.id() id!: string;
  @Prop.id() personId!: string;
  @Prop.text() personName!: string;
  @Prop.text() userId!: string;
  @Prop.text() hsaId!: string;
  @Prop.id() assignmentId!: string;
  @Prop.text() assignmentName!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.object(() => GrantingOrder, {
    nullable: true,
    description: 'The order that granted it; null: "ingen beställning i BEH".',
  })
  grantedBy!: GrantingOrder | null;
}

/**
 * A row of a person's history: a holding (HOLDING), an order line for them (ORDER_LINE) or a
 * delegation granted to them (DELEGATION); the fields of the other kinds are null.
 */
export class HistoryItem {
  /** `<kind>:<uuid>` of the holding, order line or delegation. */
  @Prop.text() id!: string;
  @Prop.oneOf(HISTORY_KINDS, 'HistoryKind') kind!: HistoryKind;
  /** Where the row stands in time: a holding's or delegation's first day, the day a line was ordered. */
  @Prop.date() day!: string;
  /** When the row was written. */
  @Prop.dateTime() at!: string;
  /** The holding's unit, the order's unit (or verksamhet), the delegation's unit (or verksamhet). */
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  /** The assignment held or ordered (or the template of an access order line). */
  @Prop.text({ nullable: true }) assignmentName!: string | null;
  /** A holding's or delegation's first and last day; an order's start and end date. */
  @Prop.date({ nullable: true }) validFrom!: string | null;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.id({ nullable: true }) orderId!: string | null;
  @Prop.text({ nullable: true }) orderNumber!: string | null;
  @Prop.text({ nullable: true, description: 'GRANT, REVOKE or CHANGE.' }) orderType!: string | null;
  @Prop.text({ nullable: true, description: "The order's status." }) orderStatus!: string | null;
  @Prop.text({ nullable: true, description: "The line's status." }) lineStatus!: string | null;
  @Prop.text({ nullable: true }) ordererName!: string | null;
  @Prop.text({ nullable: true }) ordererUserId!: string | null;
  @Prop.text({ nullable: true }) attestantName!: string | null;
  @Prop.text({ nullable: true }) attestantUserId!: string | null;
  @Prop.dateTime({ nullable: true }) decidedAt!: string | null;
  @Prop.dateTime({ nullable: true }) completedAt!: string | null;
  /** A delegation's grantor, its rights and its revocation. */
  @Prop.text({ nullable: true }) grantorName!: string | null;
  @Prop.bool({ nullable: true }) mayOrder!: boolean | null;
  @Prop.bool({ nullable: true }) mayAttest!: boolean | null;
  @Prop.dateTime({ nullable: true }) revokedAt!: string | null;
  /** A holding's granting order; null for other rows and for a holding from before BEH. */
  @Prop.object(() => GrantingOrder, { nullable: true }) grantedBy!: GrantingOrder | null;
}
