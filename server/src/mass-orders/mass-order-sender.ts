import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { type AssignmentFacts, fullName } from '../directory/directory.facts.js';
import { type OrderDraft, OrderStateMachine, PendingLineTaken } from '../orders/order-state.js';
import type { OrderType } from '../orders/order.types.js';
import { RULE_MESSAGES } from '../orders/orders.errors.js';
import { orderWarningsProblem, type PersonWarning } from '../orders/order-warnings.js';
import type { SendMassOrderDto } from './dto/mass-order.dto.js';
import { personFacts } from './mass-order-facts.queries.js';
import { massOrderVerdicts } from './mass-order-rules.js';
import type { PersonVerdict, SentBatch } from './mass-order.types.js';
import { massOrderProblem, nobodyToOrder } from './mass-orders.errors.js';
import { MassOrdersService } from './mass-orders.service.js';

const lower = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => id.toLowerCase());

/**
 * Sending a mass order (rule 8, Mass orders of hundreds in one send): every person checked again
 * with the wizard's rules, then one batch of one order per person, all in one transaction with the
 * batch row, an audit event per order and for the batch, and a single mail to the attestant. Any
 * refusal, or any failure of the database midway, leaves nothing behind.
 */
@Injectable()
export class MassOrderSender {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly massOrders: MassOrdersService,
    private readonly machine: OrderStateMachine,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async send(actor: Actor, dto: SendMassOrderDto): Promise<SentBatch> {
    const a = await this.massOrders.orderableAssignment(actor, dto.assignmentId);
    const add = lower(dto.add);
    const remove = lower(dto.remove);
    if (add.length + remove.length === 0) throw nobodyToOrder();
    const today = this.clock.today();
    const attestantId = dto.attestantId.toLowerCase();
    const [persons, chosen] = await Promise.all([
      personFacts(this.db, a.id, [...new Set([...add, ...remove])], today),
      this.massOrders.attestant(attestantId),
    ]);
    const attestant = chosen?.person;
    const verdict = massOrderVerdicts({
      assignment: a,
      today,
      startDate: dto.startDate,
      orderer: actor.rights,
      attestant: chosen?.rights,
      attestantId,
      add,
      remove,
      persons,
    });
    if (!verdict.ok) {
      throw massOrderProblem(
        verdict.violations,
        verdict.persons.filter((p) => !p.ok),
      );
    }
    // Rule 2d, Engagement elsewhere is a warning: the send waits for the orderer's confirmation.
    const warnings: PersonWarning[] = verdict.persons.flatMap((p) =>
      (p.warnings ?? []).map((w) => ({ ...w, personId: p.personId })),
    );
    if (warnings.length > 0 && dto.confirmedWarnings !== true) throw orderWarningsProblem(warnings);
    const warned = new Map(warnings.map((w) => [w.personId, [w.code]]));

    const batchId = randomUUID();
    const draft = (endUserId: string, type: OrderType): OrderDraft => ({
      type,
      endUserId,
      ordererId: actor.person.id,
      attestantId,
      careUnitId: a.careUnitId,
      startDate: dto.startDate,
      endDate: null,
      urgent: dto.urgent ?? false,
      comment: dto.comment ?? null,
      batchId,
      assignmentIds: [a.id],
      lineWarnings: warned.has(endUserId) ? { [a.id]: warned.get(endUserId) ?? [] } : undefined,
    });
    const drafts = [...add.map((id) => draft(id, 'GRANT')), ...remove.map((id) => draft(id, 'REVOKE'))];
    try {
      return await this.db.transaction(async (m) => {
        await this.recordBatch(
          m,
          { batchId, assignment: a, ordererId: actor.person.id, attestantId, dto },
          drafts,
        );
        const created = await this.machine.create(m, drafts, actor.person.id);
        const orders = created.map(({ order }) => ({
          id: order.id,
          orderNumber: order.orderNumber,
          endUserId: order.endUserId,
          type: order.type,
        }));
        await this.audit.append(m, {
          actorId: actor.person.id,
          action: 'MASS_ORDER_PLACED',
          entityType: 'mass_order_batch',
          entityId: batchId,
          after: {
            assignmentId: a.id,
            careUnitId: a.careUnitId,
            attestantId,
            startDate: dto.startDate,
            urgent: dto.urgent ?? false,
            orderNumbers: orders.map((o) => o.orderNumber),
          },
        });
        await this.mail.enqueue(m, {
          to: attestant?.email,
          template: 'BATCH_AWAITING_ATTEST',
          data: {
            batchId,
            recipientName: attestant ? fullName(attestant) : undefined,
            ordererName: `${fullName(actor.person)} (${actor.person.userId})`,
            assignmentName: a.name,
            careUnitName: a.careUnitName,
            grantCount: add.length,
            revokeCount: remove.length,
            firstOrderNumber: orders[0].orderNumber,
            lastOrderNumber: orders[orders.length - 1].orderNumber,
            startDate: dto.startDate,
            urgent: dto.urgent ?? false,
          },
        });
        return { batchId, orders };
      });
    } catch (error) {
      throw this.pendingMeanwhile(error, drafts) ?? error;
    }
  }

  /** The batch's own row, before its orders (the receipt and the queue read it). */
  private async recordBatch(
    m: EntityManager,
    b: {
      batchId: string;
      assignment: AssignmentFacts;
      ordererId: string;
      attestantId: string;
      dto: SendMassOrderDto;
    },
    drafts: readonly OrderDraft[],
  ): Promise<void> {
    const grants = drafts.filter((d) => d.type === 'GRANT').length;
    await m.query(
      `INSERT INTO mass_order_batch (id, assignment_id, care_unit_id, orderer_id, attestant_id, start_date, urgent,
                                     comment, grant_count, revoke_count, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        b.batchId,
        b.assignment.id,
        b.assignment.careUnitId,
        b.ordererId,
        b.attestantId,
        b.dto.startDate,
        b.dto.urgent ?? false,
        b.dto.comment ?? null,
        grants,
        drafts.length - grants,
        this.clock.now(),
      ],
    );
  }

  /**
   * Another send took some of the same lines after our checks: the whole batch rolled back.
   * Answered like the rule it is, naming the persons.
   */
  private pendingMeanwhile(error: unknown, drafts: readonly OrderDraft[]): Error | undefined {
    if (!(error instanceof PendingLineTaken)) return undefined;
    const taken = new Set(error.endUserIds);
    const refused: PersonVerdict[] = drafts
      .filter((d) => taken.has(d.endUserId))
      .map((d) => ({
        personId: d.endUserId,
        type: d.type,
        ok: false,
        violations: [{ rule: 'ALREADY_PENDING', message: RULE_MESSAGES.ALREADY_PENDING }],
      }));
    return massOrderProblem([], refused, HttpStatus.CONFLICT);
  }
}
