import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/request-auth.js';
import { RightsService } from '../delegations/rights.service.js';
import { attestantsStoodInFor } from '../delegations/stand-ins.reads.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { findRow, listRows, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { fullName, personContacts, personNames } from '../directory/directory.facts.js';
import {
  assignmentCatalogueOrderSql,
  assignmentNameSql,
  careUnitNameSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personNameWithUserIdSql,
} from '../directory/directory.reads.js';
import { MailService } from '../mail/mail.service.js';
import type { OrderMailData } from '../mail/templates/index.js';
import type { ChangeAttestantDto } from './dto/order.dto.js';
import type { LockedOrder } from './order-records.js';
import { OrderStateMachine } from './order-state.js';
import { isEndUser } from './order-rules.js';
import { awaitingAttest, ORDERER_MAY_CHANGE } from './order-status.js';
import type { OrderDetail, OrderListItem } from './order.types.js';
import { ACCESS_ATTESTANT_MESSAGES, orderNotFound, orderRuleProblem, violation } from './orders.errors.js';
import type { Rights } from '../common/auth/rights.js';
import {
  leftJoinLineProfession,
  leftJoinLineTemplate,
  leftJoinOrderArea,
  leftJoinOrderOperation,
  lineTemplateSortSql,
  orderAreaNameSql,
  orderOperationNameSql,
  templateLineTextSql,
} from '../access-catalogue/template.reads.js';
import {
  orderItems,
  orderListSpec,
  orderPageSpec,
  type OrderReader,
  type OrderRow,
} from './orders.queries.js';
import { SYSTEM_ORDERER_NAME } from './leavers.names.js';

export const readerOf = (actor: Actor): OrderReader => ({
  personId: actor.person.id,
  administrator: actor.rights.administrator,
  careUnitIds: actor.rights.units.map((u) => u.careUnitId),
  operationIds: actor.rights.operations.map((o) => o.operationId),
});

/**
 * Reads an order: its orderer, end user and attestant, whoever has the "all" scope on its unit
 * (or, for an access order, rights on its verksamhet), and administrators. Everyone else is told
 * it does not exist (404), never that it is not theirs.
 */
function mayView(actor: Actor, row: OrderRow): boolean {
  const me = actor.person.id;
  return (
    row.ordererId === me ||
    row.endUserId === me ||
    row.attestantId === me ||
    actor.rights.administrator ||
    (row.careUnitId !== null && actor.rights.units.some((u) => u.careUnitId === row.careUnitId)) ||
    (row.accessOperationId !== null &&
      actor.rights.operations.some((o) => o.operationId === row.accessOperationId))
  );
}

/** The audit events of an attest decision: their actor is whoever signed it (rule 6). */
const DECISION_EVENTS = ['ORDER_APPROVED', 'ORDER_REJECTED'] as const;

/** May the person with these rights attest this line of the order (a template line: the verksamhet)? */
export function mayAttestLine(
  rights: Rights | undefined,
  order: { careUnitId: string | null; accessOperationId: string | null },
  item: { assignmentId: string | null },
): boolean {
  if (!rights) return false;
  if (order.accessOperationId !== null) return rights.mayAttestAccess(order.accessOperationId);
  return order.careUnitId !== null && rights.mayAttest(order.careUnitId, item.assignmentId ?? undefined);
}

/** The history, the order view and the orderer's own actions: change of attestant and cancel. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly machine: OrderStateMachine,
    private readonly rights: RightsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, raw: RawListQuery): Promise<Page<OrderListItem>> {
    const page = await listRows<OrderRow>(this.db, orderPageSpec(readerOf(actor), raw), raw, {
      today: this.clock.today(),
    });
    return {
      ...page,
      items: page.items.map((row) => withFeedbackFor(actor, row)),
    };
  }

  async detail(actor: Actor, id: string): Promise<OrderDetail> {
    const row = await this.findVisible(actor, id);
    const [items, events] = await Promise.all([orderItems(this.db, id), this.audit.eventsFor('order', id)]);
    const names = await personNames(
      this.db,
      [...new Set(events.map((e) => e.actorId))].filter((a): a is string => a !== null),
    );
    const mayAct = row.ordererId === actor.person.id && awaitingAttest(row.status);
    return {
      ...withFeedbackFor(actor, row),
      comment: row.comment,
      rejectComment: row.rejectComment,
      items,
      events: events.map((e) => ({
        at: e.at,
        actorName: e.actorId === null ? null : (names.get(e.actorId) ?? null),
        action: e.action,
      })),
      canChangeAttestant: mayAct,
      canCancel: mayAct,
      // An order the system placed names the head as orderer and attestant; it is the system's.
      orderedByAttestant: row.ordererId === row.attestantId && row.ordererName !== SYSTEM_ORDERER_NAME,
    };
  }

  /** Only the orderer, only while awaiting attest, only to someone who may attest every line. */
  async changeAttestant(actor: Actor, id: string, dto: ChangeAttestantDto): Promise<OrderDetail> {
    await this.findVisible(actor, id);
    const [attestant] = await personContacts(this.db, [dto.attestantId]);
    const attestantRights = attestant ? await this.rights.forPerson(attestant) : undefined;
    await this.db.transaction((m) =>
      this.machine.apply(m, id, {
        action: 'ORDER_ATTESTANT_CHANGED',
        actorId: actor.person.id,
        during: ORDERER_MAY_CHANGE,
        set: { attestantId: dto.attestantId },
        authorize: onlyTheOrderer(actor),
        validate: ({ order, items }) => {
          if (order.attestantId === dto.attestantId.toLowerCase()) {
            throw orderRuleProblem([violation('SAME_ATTESTANT', null)]);
          }
          const refused = items
            .map((item, line) => ({ item, line }))
            .filter(({ item }) => !mayAttestLine(attestantRights, order, item))
            .map(({ item, line }) =>
              order.kind === 'ACCESS'
                ? violation(
                    'ATTESTANT_NOT_ALLOWED',
                    null,
                    {
                      accessLine: line,
                      templateId: item.templateId ?? undefined,
                      accessOperationId: order.accessOperationId ?? undefined,
                    },
                    ACCESS_ATTESTANT_MESSAGES.ATTESTANT_NOT_ALLOWED,
                  )
                : violation('ATTESTANT_NOT_ALLOWED', line, {
                    assignmentId: item.assignmentId ?? undefined,
                    careUnitId: order.careUnitId ?? undefined,
                  }),
            );
          if (refused.length > 0) throw orderRuleProblem(refused);
          // Rule 11, Nobody grants himself access alone.
          if (isEndUser(dto.attestantId, { id: order.endUserId })) {
            throw orderRuleProblem([violation('ATTESTANT_IS_END_USER', null)]);
          }
        },
        effects: async (m, before, after) => {
          const previous = await this.namesOf(m, before.order.attestantId);
          await this.mail.enqueue(m, {
            to: attestant?.email,
            template: 'ATTESTANT_CHANGED',
            data: {
              ...(await this.mailFacts(m, after)),
              recipientName: attestant ? fullName(attestant) : undefined,
              previousAttestantName: previous,
            },
          });
        },
      }),
    );
    return this.detail(actor, id);
  }

  /** Makulera: only the orderer, only while awaiting attest; the lines are removed with it. */
  async cancel(actor: Actor, id: string): Promise<OrderDetail> {
    await this.findVisible(actor, id);
    await this.db.transaction((m) =>
      this.machine.apply(m, id, {
        action: 'ORDER_CANCELLED',
        actorId: actor.person.id,
        to: 'CANCELLED',
        items: [{ to: 'REMOVED' }],
        authorize: onlyTheOrderer(actor),
        // The attestant was asked to attest it: tell them it is no longer needed.
        effects: async (m, _before, after) => {
          const [attestant] = await personContacts(m, [after.order.attestantId]);
          await this.mail.enqueue(m, {
            to: attestant?.email,
            template: 'ORDER_CANCELLED',
            data: { ...(await this.mailFacts(m, after)), recipientName: attestant && fullName(attestant) },
          });
        },
      }),
    );
    return this.detail(actor, id);
  }

  private async findVisible(actor: Actor, id: string): Promise<OrderRow> {
    const row = isUuid(id)
      ? await findRow<OrderRow>(this.db, orderListSpec(readerOf(actor)), id, { today: this.clock.today() })
      : undefined;
    if (!row || !(mayView(actor, row) || (await this.mayViewAsStandIn(actor, row)))) throw orderNotFound();
    return row;
  }

  /**
   * Rule 41: a stand-in sees an order awaiting the attest of someone they stand in for today, and
   * keeps seeing an order they decided as stand-in (the order's attestant stays the one stood in
   * for; who decided is the actor of its ORDER_APPROVED or ORDER_REJECTED event, the signer).
   * Asked only of those the order's own people and rights do not already show it to.
   */
  private async mayViewAsStandIn(actor: Actor, row: OrderRow): Promise<boolean> {
    if (awaitingAttest(row.status)) {
      const stoodInFor = await attestantsStoodInFor(this.db, actor.person.id, this.clock.today());
      return stoodInFor.includes(row.attestantId);
    }
    return this.audit.hasActed('order', row.id, actor.person.id, DECISION_EVENTS);
  }

  /** What every order mail says about the order, with the names as they are now. */
  private async mailFacts(m: EntityManager, { order }: LockedOrder): Promise<OrderMailData> {
    const [row] = await m.query<
      {
        endUserName: string;
        ordererName: string;
        careUnitName: string | null;
        assignmentNames: string[];
        operationName: string | null;
        areaName: string | null;
        templateLines: string[];
      }[]
    >(
      `SELECT ${personNameWithUserIdSql('eu')} AS "endUserName", ${personNameWithUserIdSql('op')} AS "ordererName",
              ${careUnitNameSql('cu')} AS "careUnitName",
              ARRAY(SELECT ${assignmentNameSql('asg')} FROM vmu_order_item i ${joinAssignment('asg', 'i.assignment_id')}
                     WHERE i.order_id = o.id ORDER BY ${assignmentCatalogueOrderSql('asg')}) AS "assignmentNames",
              ${orderOperationNameSql('aop')} AS "operationName", ${orderAreaNameSql('aar')} AS "areaName",
              ARRAY(SELECT ${templateLineTextSql('tt', 'tp')} FROM vmu_order_item ti
                      ${leftJoinLineTemplate('tt', 'ti.template_id')} ${leftJoinLineProfession('tp', 'ti.profession_id')}
                     WHERE ti.order_id = o.id AND ti.template_id IS NOT NULL
                     ORDER BY ${lineTemplateSortSql('tt')}, ti.id) AS "templateLines"
         FROM vmu_order o ${joinPerson('eu', 'o.end_user_id')} ${joinPerson('op', 'o.orderer_id')}
         LEFT ${joinCareUnit('cu', 'o.care_unit_id')}
         ${leftJoinOrderOperation('aop', 'o.access_operation_id')} ${leftJoinOrderArea('aar', 'aop')}
        WHERE o.id = $1`,
      [order.id],
    );
    return {
      orderId: order.id,
      orderNumber: order.orderNumber,
      type: order.type,
      endUserName: row.endUserName,
      ordererName: row.ordererName,
      careUnitName: row.careUnitName ?? undefined,
      accessOperationName: row.operationName ?? undefined,
      accessAreaName: row.areaName ?? undefined,
      startDate: order.startDate,
      urgent: order.urgent,
      assignmentNames: row.assignmentNames,
      templateLines: row.templateLines.length ? row.templateLines : undefined,
    };
  }

  private async namesOf(m: EntityManager, personId: string): Promise<string | undefined> {
    const [person] = await personContacts(m, [personId]);
    return person ? fullName(person) : undefined;
  }
}

/** Feedback (Återkopplingsinfo) is the orderer's alone. */
function withFeedbackFor(actor: Actor, row: OrderRow): OrderListItem {
  const { comment: _comment, rejectComment: _rejectComment, ...item } = row;
  return { ...item, feedback: row.ordererId === actor.person.id ? row.feedback : null };
}

const onlyTheOrderer =
  (actor: Actor) =>
  ({ order }: LockedOrder): void => {
    if (order.ordererId !== actor.person.id) throw orderRuleProblem([violation('NOT_ORDERER', null)]);
  };
