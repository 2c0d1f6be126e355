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
import { ATTEST_KIND } from './attest-requests.service.js';
import type {
  AttestOrderView,
  AttestRequestStatus,
  QueueBatch,
  QueueCounts,
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
  ) {}

  queue(actor: Actor, raw: RawListQuery): Promise<Page<QueueItem>> {
    return listRows<QueueItem>(this.db, attestQueueList(actor.person.id), raw, { today: this.clock.today() });
  }

  counts(actor: Actor, raw: RawListQuery): Promise<QueueCounts> {
    const { filter } = parseListQuery({ filter: raw.filter }, {}, ['', 'ASC']);
    return attestQueueCounts(this.db, actor.person.id, filter, { today: this.clock.today() });
  }

  batches(actor: Actor, raw: RawListQuery): Promise<Page<QueueBatch>> {
    return listRows<QueueBatch>(this.db, attestBatchList(actor.person.id), raw, {
      today: this.clock.today(),
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
    return { ...head, project: null, items: await orderItems(this.db, id) };
  }

  /** For the page behind the signing window: has my request been signed, and what did it decide. */
  async requestStatus(actor: Actor, requestId: string): Promise<AttestRequestStatus> {
    const view = await this.signing.view(actor, requestId);
    if (view.kind !== ATTEST_KIND) throw notFound('Signeringsbegäran');
    const orders = await ordersDecidedBy(this.db, view.id);
    return { requestId: view.id, status: view.status, signedAt: view.signedAt, orders };
  }

  /** "Verifiera signatur": for whoever may see the order, from stored data alone. */
  async signature(actor: Actor, orderId: string): Promise<SignatureCheck> {
    const order = await this.orders.detail(actor, orderId);
    const requestId = await signRequestOf(this.db, order.id);
    if (!requestId) throw notFound('Signaturen');
    const result = await this.signing.verifyStored(requestId);
    const base = {
      orderId: order.id,
      orderNumber: order.orderNumber,
      requestId,
      decision: order.status === 'REJECTED' ? ('REJECT' as const) : ('APPROVE' as const),
    };
    return result.ok
      ? {
          ...base,
          ok: true,
          reason: null,
          message: null,
          signedAt: result.signedAt,
          signer: result.signer,
          certificateSubject: result.signer.subject,
        }
      : {
          ...base,
          ok: false,
          reason: result.reason,
          message: result.message,
          signedAt: null,
          signer: null,
          certificateSubject: null,
        };
  }
}
