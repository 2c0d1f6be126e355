import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { boolFilter } from '../access-catalogue/catalogue-table.js';
import {
  joinProfession,
  joinTemplate,
  leftJoinProfession,
  leftJoinTemplate,
} from '../access-catalogue/holdings.js';
import { joinLocalSystem } from '../access-catalogue/system-administrators.reads.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, forbidden } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { notFound, ProblemException } from '../common/problem.js';
import { openSecret, type SealedSecret } from '../common/secret-seal.js';
import {
  enumFilter,
  findRow,
  idFilter,
  type ListSpec,
  listRows,
  nameFilter,
  type Page,
} from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  joinPerson,
  leftJoinPerson,
  personHsaIdSql,
  personNameSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import { joinAccessOrder, joinAccessOrderItem, ordererOf } from '../orders/access-handover.js';
import { OrdersService } from '../orders/orders.service.js';
import { isUuid } from '../common/uuid.js';
import type { FeedbackReading, FulfilmentCount, FulfilmentItem, OrderPartView } from './fulfilment.dto.js';
import { FEEDBACK_PURPOSE, FulfilmentService, type SettleResult } from './fulfilment.service.js';
import { countFeedbackRead, orderOfPart, PART_STATUSES, readPart } from './parts.js';

/** How many times the orderer may read a part's Återkopplingsinfo: the first and one more. */
export const FEEDBACK_READINGS = 2;

const FROM = `access_part p
  ${joinLocalSystem('s', 'p.system_id')}
  ${joinAccessOrder('o', 'p.order_id')}
  ${joinAccessOrderItem('i', 'p.item_id')}
  ${joinTemplate('t', 'i.template_id')}
  ${joinProfession('pr', 'i.profession_id')}
  ${leftJoinTemplate('pt', 'i.previous_template_id')}
  ${leftJoinProfession('pp', 'i.previous_profession_id')}
  ${joinPerson('eu', 'o.end_user_id')}
  ${joinPerson('op', 'o.orderer_id')}
  ${leftJoinPerson('db', 'p.done_by_id')}`;

const SELECT = `p.id, p.order_id AS "orderId", o.order_number AS "orderNumber", o.type, p.item_id AS "itemId",
  p.system_id AS "systemId", s.name AS "systemName", p.method, p.status, p.urgent,
  o.end_user_id AS "endUserId", ${personNameSql('eu')} AS "endUserName", ${personUserIdSql('eu')} AS "endUserUserId",
  ${personHsaIdSql('eu')} AS "endUserHsaId", t.name AS "templateName", pr.name AS "professionName",
  pt.name AS "previousTemplateName", pp.name AS "previousProfessionName",
  p.grant_roles AS "grantRoles", p.revoke_roles AS "revokeRoles",
  to_char(o.start_date, 'YYYY-MM-DD') AS "startDate", to_char(o.end_date, 'YYYY-MM-DD') AS "endDate",
  ${personNameSql('op')} AS "ordererName", p.reason, (p.feedback_sealed IS NOT NULL) AS "hasFeedback",
  p.scim_last_error AS "scimLastError", p.scim_attempts AS "scimAttempts",
  CASE WHEN p.done_by_id IS NULL THEN NULL ELSE ${personNameSql('db')} END AS "doneByName",
  p.done_at AS "doneAt", p.created_at AS "createdAt"`;

/** The queue as `actor` sees it: administrators every system's parts, others their systems'. */
function queueSpec(actor: Actor): ListSpec {
  const systems = actor.rights.systems.map((s) => s.systemId);
  return {
    resource: 'fulfilment',
    select: SELECT,
    from: FROM,
    idColumn: 'p.id',
    filters: {
      id: idFilter('p.id'),
      systemId: idFilter('p.system_id'),
      orderId: idFilter('p.order_id'),
      status: enumFilter('p.status', PART_STATUSES),
      urgent: boolFilter('p.urgent'),
      q: nameFilter('eu.first_name', 'eu.last_name', 'eu.user_id', 'o.order_number', 't.name'),
    },
    sortable: {
      createdAt: 'p.created_at',
      startDate: 'o.start_date',
      systemName: 's.name COLLATE beh_sv',
      orderNumber: 'o.order_number',
      urgent: 'p.urgent',
      status: 'p.status',
    },
    defaultSort: ['createdAt', 'ASC'],
    tieBreak: 'p.created_at, p.id',
    // SCIM parts are the SCIM delivery's while they wait; once settled they are history here too.
    visible: (params) =>
      actor.rights.administrator
        ? `(p.method = 'MANUAL' OR p.status <> 'PENDING')`
        : `p.system_id = ANY(${params.add(systems)}::uuid[]) AND (p.method = 'MANUAL' OR p.status <> 'PENDING')`,
  };
}

/**
 * The queue "Att utföra" and the orderer's Återkopplingsinfo (issue 14, Carrying out): a
 * system's administrators see and settle its parts; administrators see every part, read only;
 * the order's orderer alone reads the Återkopplingsinfo, at most twice.
 */
@Injectable()
export class FulfilmentQueueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fulfilment: FulfilmentService,
    private readonly orders: OrdersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private mustSeeQueue(actor: Actor): void {
    if (!actor.rights.administrator && actor.rights.systems.length === 0) {
      throw forbidden('Endast systemadministratörer har uppgifter att utföra.');
    }
  }

  list(actor: Actor, raw: RawListQuery): Promise<Page<FulfilmentItem>> {
    this.mustSeeQueue(actor);
    return listRows<FulfilmentItem>(this.db, queueSpec(actor), raw, { today: this.clock.today() });
  }

  async counts(actor: Actor): Promise<FulfilmentCount[]> {
    this.mustSeeQueue(actor);
    const mine = actor.rights.systems.map((s) => s.systemId);
    return this.db.query<FulfilmentCount[]>(
      `SELECT s.id AS "systemId", s.name AS "systemName",
              count(p.id)::int AS pending, count(p.id) FILTER (WHERE p.urgent)::int AS urgent
         FROM (SELECT DISTINCT x.system_id FROM (
                 SELECT unnest($1::uuid[]) AS system_id
                 UNION SELECT q.system_id FROM access_part q
                        WHERE $2 AND q.status = 'PENDING' AND q.method = 'MANUAL') x) v
         ${joinLocalSystem('s', 'v.system_id')}
         LEFT JOIN access_part p ON p.system_id = s.id AND p.status = 'PENDING' AND p.method = 'MANUAL'
        GROUP BY s.id, s.name
        ORDER BY s.name COLLATE beh_sv, s.id`,
      [mine, actor.rights.administrator],
    );
  }

  async get(actor: Actor, id: string): Promise<FulfilmentItem> {
    const item = await findRow<FulfilmentItem>(this.db, queueSpec(actor), id, { today: this.clock.today() });
    if (!item || !(actor.rights.administrator || actor.rights.administersSystem(item.systemId))) {
      throw notFound('Arbetsuppgiften');
    }
    return item;
  }

  /** Marks the part done (or refused) as one of its system's administrators. */
  async settle(
    actor: Actor,
    id: string,
    status: 'DONE' | 'REFUSED',
    text: { feedback?: string | null; reason?: string | null },
  ): Promise<SettleResult> {
    const [part] = isUuid(id)
      ? await this.db.query<{ systemId: string; method: string }[]>(
          `SELECT system_id AS "systemId", method FROM access_part WHERE id = $1`,
          [id],
        )
      : [];
    const systemId = part?.systemId;
    if (!systemId) throw notFound('Arbetsuppgiften');
    if (!actor.rights.administersSystem(systemId)) {
      if (actor.rights.administrator) {
        throw forbidden('Endast systemets administratörer kan utföra eller avslå uppgiften.');
      }
      throw notFound('Arbetsuppgiften');
    }
    // A SCIM part is carried out by the delivery (and becomes MANUAL when it gives up).
    if (part.method !== 'MANUAL') {
      throw new ProblemException(HttpStatus.CONFLICT, 'part-scim', 'Uppgiften utförs via SCIM.');
    }
    return this.db.transaction((m) =>
      this.fulfilment.settle(m, id, { status, ...text, actorId: actor.person.id }),
    );
  }

  /** The parts of an order, for whoever may view the order (404 otherwise, as the order). */
  async partsOfOrder(actor: Actor, orderId: string): Promise<OrderPartView[]> {
    const order = await this.orders.detail(actor, orderId);
    const mine = order.ordererId === actor.person.id;
    const rows = await this.db.query<(Omit<OrderPartView, 'feedbackReadsLeft'> & { reads: number })[]>(
      `SELECT p.id, p.item_id AS "itemId", p.system_id AS "systemId", s.name AS "systemName", p.method, p.status,
              p.reason, p.urgent, (p.feedback_sealed IS NOT NULL) AS "hasFeedback", p.feedback_reads AS reads,
              p.done_at AS "doneAt", p.created_at AS "createdAt"
         FROM access_part p ${joinLocalSystem('s', 'p.system_id')}
        WHERE p.order_id = $1
        ORDER BY p.created_at, s.name COLLATE beh_sv, p.id`,
      [order.id],
    );
    return rows.map(({ reads, ...part }) => ({
      ...part,
      feedbackReadsLeft: mine && part.hasFeedback ? Math.max(0, FEEDBACK_READINGS - reads) : null,
    }));
  }

  /**
   * The Återkopplingsinfo of a part, for the order's orderer alone (404 for everyone else, so
   * nobody learns that there is any); at most FEEDBACK_READINGS times (410 after). Each reading
   * is an audit event without the text.
   */
  async readFeedback(actor: Actor, partId: string): Promise<FeedbackReading> {
    if (!isUuid(partId)) throw notFound('Återkopplingsinfon');
    return this.db.transaction(async (m) => {
      const orderId = await orderOfPart(m, partId);
      const ordererId = orderId ? await ordererOf(m, orderId) : undefined;
      if (!orderId || ordererId !== actor.person.id) throw notFound('Återkopplingsinfon');
      const part = await readPart(m, partId, true);
      if (!part?.feedbackSealed) throw notFound('Återkopplingsinfon');
      if (part.feedbackReads >= FEEDBACK_READINGS) {
        throw new ProblemException(
          HttpStatus.GONE,
          'feedback-used-up',
          'Återkopplingsinfon har redan visats två gånger',
        );
      }
      const text = openSecret(
        part.feedbackSealed as SealedSecret,
        this.config.signing.keySecret,
        FEEDBACK_PURPOSE,
        part.id,
      );
      if (text === undefined) throw new Error(`The Återkopplingsinfo of part ${part.id} does not open`);
      const reads = await countFeedbackRead(m, part.id, this.clock.now());
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'ACCESS_FEEDBACK_READ',
        entityType: 'access_part',
        entityId: part.id,
        after: { orderId, reading: reads, readsLeft: FEEDBACK_READINGS - reads },
      });
      return { text, readsLeft: FEEDBACK_READINGS - reads };
    });
  }
}
