import { Prop } from '../common/api-schema.js';
import {
  ORDER_KINDS,
  ORDER_STATUSES,
  ORDER_TYPES,
  OrderHeadline,
  OrderItemView,
  type OrderKind,
  type OrderStatus,
  type OrderType,
} from '../orders/order.types.js';
import { SIGN_REQUEST_STATUSES, type SignRequestStatus } from '../signing/signing.types.js';
import { ATTEST_DECISIONS, type AttestDecision } from './dto/sign-request.dto.js';

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */

/** An order in the queue ("Attestera beställningar"). */
export class QueueItem extends OrderHeadline {
  /** The start date has come: approving carries the order out at once. */
  @Prop.bool({ description: 'The start date has come: approving carries the order out at once.' })
  due!: boolean;
  @Prop.id({ nullable: true, description: 'The mass-order batch; null for a wizard order.' })
  batchId!: string | null;
  @Prop.int() itemCount!: number;
  @Prop.textList() assignmentNames!: string[];
  /** An access order's lines, each "Behörighetsmall (Yrkeskategori)"; empty for a VMU order. */
  @Prop.textList({ description: "An access order's lines, each 'template (profession)'; empty for VMU." })
  templateNames!: string[];
  /** Rule 11: the attestant ordered it himself (allowed, marked "Du beställde själv"). */
  @Prop.bool({ description: 'The attestant ordered it himself (allowed, marked; rule 11).' })
  orderedByAttestant!: boolean;
  /** The order's attestant. */
  @Prop.id({ description: "The order's attestant (the caller, or whom the caller stands in for)." })
  attestantId!: string;
  /** Rule 41: the caller sees the order as a stand-in for its attestant ("Ersättare för"). */
  @Prop.object(() => StandInFor, {
    nullable: true,
    description: 'The attestant the caller stands in for (rule 41); null for the caller’s own orders.',
  })
  standInFor!: StandInFor | null;
}

/** The attestant a stand-in decides for (rule 41). */
export class StandInFor {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() userId!: string;
}

export class QueueCounts {
  @Prop.int() all!: number;
  @Prop.int() urgent!: number;
  @Prop.int() due!: number;
  @Prop.int() batches!: number;
}

export class QueueBatch {
  @Prop.id() id!: string;
  @Prop.int() orderCount!: number;
  @Prop.bool() urgent!: boolean;
  @Prop.dateTime() createdAt!: Date;
  @Prop.date() firstStartDate!: string;
  @Prop.text() ordererName!: string;
  @Prop.textList() careUnitNames!: string[];
  @Prop.textList() assignmentNames!: string[];
  @Prop.idList() orderIds!: string[];
}

export class PersonView {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() userId!: string;
  @Prop.text() hsaId!: string;
  @Prop.text({ nullable: true }) title!: string | null;
}

export class AttestCareUnit {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() hsaId!: string;
}

/** An access order's verksamhet, with its område. */
export class AttestOperation {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() areaName!: string;
}

/** "Attest av beställning BEH…": what the attestant decides on. */
export class AttestOrderView {
  @Prop.id() id!: string;
  @Prop.text() orderNumber!: string;
  @Prop.oneOf(ORDER_STATUSES, 'OrderStatus') status!: OrderStatus;
  @Prop.oneOf(ORDER_TYPES, 'OrderType') type!: OrderType;
  @Prop.dateTime() createdAt!: Date;
  @Prop.date() startDate!: string;
  @Prop.date({ nullable: true }) endDate!: string | null;
  @Prop.bool() urgent!: boolean;
  @Prop.bool() due!: boolean;
  @Prop.text({ nullable: true }) comment!: string | null;
  /** Projekt: the portal has no projects; kept so the page shows the seed's field. */
  @Prop.text({ nullable: true, description: 'Projekt: the portal has no projects, so always null.' })
  project!: null;
  @Prop.id({ nullable: true }) batchId!: string | null;
  @Prop.object(() => PersonView) endUser!: PersonView;
  @Prop.object(() => PersonView) orderer!: PersonView;
  @Prop.object(() => PersonView) attestant!: PersonView;
  @Prop.oneOf(ORDER_KINDS, 'OrderKind') kind!: OrderKind;
  /** A VMU order's care unit; null for an access order. */
  @Prop.object(() => AttestCareUnit, { nullable: true, description: 'null for an access order.' })
  careUnit!: AttestCareUnit | null;
  /** The care unit's förvaltning; null for an access order. */
  @Prop.text({ nullable: true, description: "The care unit's förvaltning; null for an access order." })
  administrationName!: string | null;
  /** An access order's verksamhet and område; null for a VMU order. */
  @Prop.object(() => AttestOperation, { nullable: true, description: 'null for a VMU order.' })
  accessOperation!: AttestOperation | null;
  @Prop.list(() => OrderItemView) items!: OrderItemView[];
  /** Rule 41: the caller decides as a stand-in for `attestant`. */
  @Prop.bool({ description: 'The caller is not the attestant but stands in for them today (rule 41).' })
  asStandIn!: boolean;
  /** Rule 11: the attestant ordered it himself (allowed, marked "Du beställde själv"). */
  @Prop.bool({ description: 'The attestant ordered it himself (allowed, marked; rule 11).' })
  orderedByAttestant!: boolean;
}

export class AttestSignRequestAnswer {
  @Prop.id() requestId!: string;
  @Prop.text({ description: 'Where to open the signing window.' }) signingUrl!: string;
  @Prop.text({ description: 'Exactly the text that is signed.' }) document!: string;
  @Prop.text() digest!: string;
  @Prop.dateTime() expiresAt!: Date;
  @Prop.oneOf(ATTEST_DECISIONS, 'AttestDecision') decision!: AttestDecision;
  @Prop.idList() orderIds!: string[];
}

export class DecidedOrder {
  @Prop.id() id!: string;
  @Prop.text() orderNumber!: string;
  @Prop.oneOf(ORDER_STATUSES, 'OrderStatus') status!: OrderStatus;
}

export class AttestRequestStatus {
  @Prop.id() requestId!: string;
  @Prop.oneOf(SIGN_REQUEST_STATUSES, 'SignRequestStatus') status!: SignRequestStatus;
  @Prop.dateTime({ nullable: true }) signedAt!: Date | null;
  /** The orders this request decided (empty until it is signed). */
  @Prop.list(() => DecidedOrder, {
    description: 'The orders this request decided (empty until it is signed).',
  })
  orders!: DecidedOrder[];
}

export const REVOCATION_STATUSES = ['GOOD', 'REVOKED_LATER', 'UNKNOWN', 'NOT_REVOCABLE'] as const;

/** What the certificate's status check (OCSP/CRL) said when the signature was verified again. */
export class SignatureRevocation {
  @Prop.oneOf(REVOCATION_STATUSES, 'RevocationStatus', {
    description:
      'GOOD: not revoked; REVOKED_LATER: revoked after the signing time, so valid when signed; UNKNOWN: no answer; NOT_REVOCABLE: a short-lived certificate without revocation information (RFC 9608).',
  })
  status!: (typeof REVOCATION_STATUSES)[number];
  @Prop.dateTime({ nullable: true, description: 'When it was revoked (REVOKED_LATER).' }) at!: Date | null;
}

export class SignatureSigner {
  @Prop.text() hsaId!: string;
  @Prop.text() commonName!: string;
  @Prop.text() subject!: string;
  @Prop.text() serialNumber!: string;
  @Prop.text() issuer!: string;
}

export class SignatureCheck {
  @Prop.id() orderId!: string;
  @Prop.text() orderNumber!: string;
  @Prop.id() requestId!: string;
  @Prop.oneOf(ATTEST_DECISIONS, 'AttestDecision') decision!: AttestDecision;
  @Prop.bool() ok!: boolean;
  @Prop.text({ nullable: true }) reason!: string | null;
  @Prop.text({ nullable: true }) message!: string | null;
  @Prop.dateTime({ nullable: true }) signedAt!: Date | null;
  @Prop.object(() => SignatureSigner, { nullable: true }) signer!: SignatureSigner | null;
  @Prop.text({ nullable: true }) certificateSubject!: string | null;
  /** Null where the signing service's certificates are not revocation-checked (the embedded test CA). */
  @Prop.object(() => SignatureRevocation, { nullable: true }) revocation!: SignatureRevocation | null;
}
