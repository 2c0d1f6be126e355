import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { parseListQuery, type RawListQuery } from '../common/list-query.js';
import { notFound } from '../common/problem.js';
import { listRows, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { attestOrderHead, ordersDecidedBy, signRequestOf } from '../orders/attest-orders.queries.js';
import { attestBatchList, attestQueueCounts, attestQueueList } from '../orders/attest-queue.queries.js';
import { orderNotFound } from '../orders/orders.errors.js';
import { orderItems } from '../orders/orders.queries.js';
import { OrdersService } from '../orders/orders.service.js';
import { SigningService } from '../signing/signing.service.js';
import { type Language, localizeBody } from '../common/messages/localize.js';
import { AttestQueueAnswers, type QueueAnswer } from './attest-queue-answers.js';
import type { OrderDetail, OrderStatus } from '../orders/order.types.js';
import { readAttestDocument, type SignedAttestText } from './attest-document.js';
import { ATTEST_KIND } from './attest-requests.service.js';
import type { AttestDecision } from './dto/sign-request.dto.js';
import type {
  AttestOrderView,
  AttestRequestStatus,
  QueueBatch,
  QueueItem,
  SignatureCheck,
} from './attest.types.js';

/** The attestant's reading: the queue, its counts and batches, the attest page; and the signatures. */
@Injectable()
export class AttestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orders: OrdersService,
    private readonly signing: SigningService,
    private readonly clock: Clock,
    private readonly answers: AttestQueueAnswers,
  ) {}

  /**
   * The queue's page, counts or batches (`route`) as the JSON that goes out, in `language`: kept
   * between requests while the attestant's queue and the date are unchanged (AttestQueueAnswers).
   * `url` (the request's path and query) names the answer among the attestant's.
   */
  answer(
    actor: Actor,
    route: 'queue' | 'counts' | 'batches',
    raw: RawListQuery,
    url: string,
    language: Language,
  ): Promise<QueueAnswer> {
    const today = this.clock.today();
    const json = (body: unknown) => JSON.stringify(localizeBody(body, language));
    const page = async (made: Promise<Page<unknown>>): Promise<QueueAnswer> => {
      const { items, offset, total, totalKind } = await made;
      return { json: json(items), range: { offset, count: items.length, total, totalKind } };
    };
    // One date for the key and for the answer kept under it (due flags, the 'due' tab).
    const ctx = { today };
    return this.answers.answer(actor.person.id, today, `${language} ${url}`, async ({ attestantIds }) => {
      if (route === 'queue')
        return page(listRows<QueueItem>(this.db, attestQueueList(attestantIds), raw, ctx));
      if (route === 'batches')
        return page(listRows<QueueBatch>(this.db, attestBatchList(attestantIds), raw, ctx));
      const { filter } = parseListQuery({ filter: raw.filter }, {}, ['', 'ASC']);
      return { json: json(await attestQueueCounts(this.db, attestantIds, filter, ctx)) };
    });
  }

  /**
   * "Attest av beställning BEH…": for the order's attestant while it awaits attest, and no one
   * else — whoever follows a forwarded link finds nothing, not even that the order exists.
   */
  async order(actor: Actor, id: string): Promise<AttestOrderView> {
    const head = isUuid(id)
      ? await attestOrderHead(this.db, id, actor.person.id, this.clock.today())
      : undefined;
    if (!head) throw orderNotFound();
    // Projekt: the portal has no projects; the page shows the seed's field, empty.
    return {
      ...head,
      project: null,
      items: await orderItems(this.db, id),
      orderedByAttestant: head.orderer.id === head.attestant.id,
      asStandIn: head.attestant.id !== actor.person.id,
    };
  }

  /** For the page behind the signing window: has my request been signed, and what did it decide. */
  async requestStatus(actor: Actor, requestId: string): Promise<AttestRequestStatus> {
    const view = await this.signing.view(actor, requestId);
    if (view.kind !== ATTEST_KIND) throw notFound('Signeringsbegäran');
    const orders = await ordersDecidedBy(this.db, view.id);
    return { requestId: view.id, status: view.status, signedAt: view.signedAt, orders };
  }

  /**
   * "Verifiera signatur": for whoever may see the order, from stored data alone. The signature
   * must verify, and the signed text itself must be about this order: name its number, decide
   * what the order's status says was decided, and be signed by its attestant. A signature moved
   * from another order, or a status changed behind it, fails.
   */
  async signature(actor: Actor, orderId: string): Promise<SignatureCheck> {
    const order = await this.orders.detail(actor, orderId);
    const requestId = await signRequestOf(this.db, order.id);
    if (!requestId) throw notFound('Signaturen');
    const result = await this.signing.verifyStored(requestId);
    const signed = result.ok ? readAttestDocument(result.document) : undefined;
    const base = {
      orderId: order.id,
      orderNumber: order.orderNumber,
      requestId,
      decision:
        signed?.decision ?? (order.status === 'REJECTED' ? ('REJECT' as const) : ('APPROVE' as const)),
    };
    const failed = (reason: string, message: string): SignatureCheck => ({
      ...base,
      ok: false,
      reason,
      message,
      signedAt: null,
      signer: null,
      certificateSubject: null,
      revocation: null,
    });
    if (!result.ok) return failed(result.reason, result.message);
    const mismatch = signed
      ? boundToOrder(signed, order, result.signer.hsaId)
      : { reason: 'DOCUMENT_UNREADABLE', message: 'det signerade dokumentet är inte ett attestbeslut' };
    if (mismatch) return failed(mismatch.reason, mismatch.message);
    return {
      ...base,
      ok: true,
      reason: null,
      message: null,
      signedAt: result.signedAt,
      signer: result.signer,
      certificateSubject: result.signer.subject,
      revocation: result.revocation
        ? { status: result.revocation.status, at: result.revocation.at ?? null }
        : null,
    };
  }
}

/** What a decided order's status says its signed decision was; undefined when not decided. */
const DECIDED_AS: Partial<Record<OrderStatus, AttestDecision>> = {
  APPROVED: 'APPROVE',
  COMPLETED: 'APPROVE',
  REJECTED: 'REJECT',
};
const DECISION_TEXT: Record<AttestDecision, string> = { APPROVE: 'Godkänn', REJECT: 'Avslå' };
const STATUS_TEXT: Record<OrderStatus, string> = {
  AWAITING_ATTEST: 'Väntar på attest',
  APPROVED: 'Godkänd',
  REJECTED: 'Avslagen',
  CANCELLED: 'Makulerad',
  COMPLETED: 'Utförd',
};

/** The first way the signed text does not match the order, in Swedish; undefined when it matches. */
function boundToOrder(
  signed: SignedAttestText,
  order: OrderDetail,
  signerHsaId: string,
): { reason: string; message: string } | undefined {
  if (!signed.orderNumbers.includes(order.orderNumber)) {
    return {
      reason: 'ORDER_NOT_IN_DOCUMENT',
      message: `det signerade dokumentet gäller inte beställning ${order.orderNumber} (det gäller ${signed.orderNumbers.join(', ')})`,
    };
  }
  if (DECIDED_AS[order.status] !== signed.decision) {
    return {
      reason: 'DECISION_MISMATCH',
      message: `det signerade beslutet är ${DECISION_TEXT[signed.decision]} men beställningen har status ${STATUS_TEXT[order.status]}`,
    };
  }
  // Rule 41: a stand-in signs in their own name, the order's block naming the attestant stood in for.
  const stoodInFor = signed.standInFor[order.orderNumber];
  if (stoodInFor !== undefined && signed.attestantHsaId === signerHsaId) {
    if (stoodInFor === order.attestantUserId) return undefined;
    return {
      reason: 'ATTESTANT_MISMATCH',
      message: `det signerade dokumentet är attesterat som ersättare för ${stoodInFor} men beställningens attestant är ${order.attestantName} (${order.attestantUserId})`,
    };
  }
  if (signed.attestantUserId !== order.attestantUserId || signed.attestantHsaId !== signerHsaId) {
    return {
      reason: 'ATTESTANT_MISMATCH',
      message: `det signerade dokumentet är attesterat av ${signed.attestantUserId} men beställningens attestant är ${order.attestantName} (${order.attestantUserId})`,
    };
  }
  return undefined;
}
