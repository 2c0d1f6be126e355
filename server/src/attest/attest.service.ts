import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { parseListQuery, type RawListQuery } from '../common/list-query.js';
import { notFound } from '../common/problem.js';
import { listRows, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { orderNotFound } from '../orders/orders.errors.js';
import { orderItems } from '../orders/orders.queries.js';
import { OrdersService } from '../orders/orders.service.js';
import { SigningService } from '../signing/signing.service.js';
import { attestQueueSpec, BATCH_SORTABLE, batchesSql, countsSql } from './attest-queue.queries.js';
import { ATTEST_KIND } from './attest-requests.service.js';
import type {
  AttestOrderView,
  AttestRequestStatus,
  QueueBatch,
  QueueCounts,
  QueueItem,
  SignatureCheck,
} from './attest.types.js';

const person = (alias: string, key: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.first_name || ' ' || ${alias}.last_name,
     'userId', ${alias}.user_id, 'hsaId', ${alias}.hsa_id, 'title', ${alias}.title) AS "${key}"`;

type OrderHead = Omit<AttestOrderView, 'items'>;

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
    return listRows<QueueItem>(this.db, attestQueueSpec(actor.person.id), raw, { today: this.clock.today() });
  }

  async counts(actor: Actor, raw: RawListQuery): Promise<QueueCounts> {
    const { filter } = parseListQuery({ filter: raw.filter }, {}, ['', 'ASC']);
    const { sql, params } = countsSql(attestQueueSpec(actor.person.id), filter, {
      today: this.clock.today(),
    });
    const [counts] = await this.db.query<QueueCounts[]>(sql, params);
    return counts;
  }

  async batches(actor: Actor, raw: RawListQuery): Promise<Page<QueueBatch>> {
    const query = parseListQuery(raw, BATCH_SORTABLE, ['createdAt', 'DESC']);
    const { sql, params } = batchesSql(
      actor.person.id,
      query.filter,
      query.sortSql,
      query.offset,
      query.limit,
    );
    type Counted = QueueBatch & { __total: number };
    const rows = await this.db.query<Counted[]>(sql, params);
    let total = rows[0]?.__total ?? 0;
    if (rows.length === 0 && query.offset > 0) {
      // A page past the end still reports how many there are.
      const first = batchesSql(actor.person.id, query.filter, query.sortSql, 0, 1);
      total = (await this.db.query<Counted[]>(first.sql, first.params))[0]?.__total ?? 0;
    }
    return { items: rows.map(({ __total: _total, ...batch }) => batch), offset: query.offset, total };
  }

  /**
   * "Attest av beställning BEH…": for the order's attestant while it awaits attest, and no one
   * else — whoever follows a forwarded link finds nothing, not even that the order exists.
   */
  async order(actor: Actor, id: string): Promise<AttestOrderView> {
    const [head] = isUuid(id)
      ? await this.db.query<OrderHead[]>(
          `SELECT o.id, o.order_number AS "orderNumber", o.status, o.type, o.created_at AS "createdAt",
                  o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
                  o.start_date <= $3::date AS due, o.comment, NULL AS project, o.batch_id AS "batchId",
                  ${person('eu', 'endUser')}, ${person('op', 'orderer')}, ${person('ap', 'attestant')},
                  json_build_object('id', cu.id, 'name', cu.name, 'hsaId', cu.hsa_id) AS "careUnit",
                  adm.name AS "administrationName"
             FROM vmu_order o
             JOIN person eu ON eu.id = o.end_user_id JOIN person op ON op.id = o.orderer_id
             JOIN person ap ON ap.id = o.attestant_id JOIN care_unit cu ON cu.id = o.care_unit_id
             JOIN administration adm ON adm.id = cu.administration_id
            WHERE o.id = $1 AND o.attestant_id = $2 AND o.status = 'AWAITING_ATTEST'`,
          [id, actor.person.id, this.clock.today()],
        )
      : [];
    if (!head) throw orderNotFound();
    return { ...head, items: await orderItems(this.db, id) };
  }

  /** For the page behind the signing window: has my request been signed, and what did it decide. */
  async requestStatus(actor: Actor, requestId: string): Promise<AttestRequestStatus> {
    const view = await this.signing.view(actor, requestId);
    if (view.kind !== ATTEST_KIND) throw notFound('Signeringsbegäran');
    const orders = await this.db.query<AttestRequestStatus['orders']>(
      `SELECT id, order_number AS "orderNumber", status FROM vmu_order WHERE sign_request_id = $1
        ORDER BY order_number`,
      [view.id],
    );
    return { requestId: view.id, status: view.status, signedAt: view.signedAt, orders };
  }

  /** "Verifiera signatur": for whoever may see the order, from stored data alone. */
  async signature(actor: Actor, orderId: string): Promise<SignatureCheck> {
    const order = await this.orders.detail(actor, orderId);
    const [row] = await this.db.query<{ signRequestId: string | null }[]>(
      `SELECT sign_request_id AS "signRequestId" FROM vmu_order WHERE id = $1`,
      [order.id],
    );
    if (!row?.signRequestId) throw notFound('Signaturen');
    const result = await this.signing.verifyStored(row.signRequestId);
    const base = {
      orderId: order.id,
      orderNumber: order.orderNumber,
      requestId: row.signRequestId,
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
