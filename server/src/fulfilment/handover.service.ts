import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdingsOf, templateRoles } from '../access-catalogue/holdings.js';
import { administratorsOfSystems } from '../access-catalogue/system-administrators.reads.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import {
  type AccessOrderFacts,
  claimDueAccessOrders,
  lockAccessOrders,
  markHandedOver,
} from '../orders/access-handover.js';
import { CarryOutService } from '../orders/carry-out.service.js';
import { FulfilmentService } from './fulfilment.service.js';
import { systemShares } from './part-roles.js';
import { insertParts, type NewPart } from './parts.js';

/**
 * Handing approved access orders over (issue 14, Carrying out): when the start date has come,
 * each open line gets one part per system whose roles change (grant/revoke roles computed from
 * the templates and what the person holds), carried out by the system's administrators (MANUAL:
 * they are mailed) or over SCIM (due at once). A line with nothing to change in any system is
 * DONE at once; an order with no part at all is completed at once.
 *
 * Registers itself with the orders module's CarryOutService, so approval hands a due access
 * order over (orders cannot import this module), and the scheduler's job calls handOverDue.
 */
@Injectable()
export class HandoverService implements OnModuleInit {
  constructor(
    private readonly carryOut: CarryOutService,
    private readonly fulfilment: FulfilmentService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.carryOut.handAccessOrdersTo((m, orderIds) => this.handOverIfDue(m, orderIds));
  }

  /** Hands over those of the orders that are due (waits for their locks); answers the ids handed over. */
  async handOverIfDue(m: EntityManager, orderIds: readonly string[]): Promise<string[]> {
    const today = this.clock.today();
    const orders = (await lockAccessOrders(m, orderIds)).filter(
      (o) => o.status === 'APPROVED' && o.handedOverAt === null && o.startDate <= today,
    );
    await this.handOver(m, orders);
    return orders.map((o) => o.id);
  }

  /** Claims up to `limit` free due orders and hands them over; answers how many. */
  async handOverDue(m: EntityManager, today: string, limit: number): Promise<number> {
    const orders = await claimDueAccessOrders(m, today, limit);
    await this.handOver(m, orders);
    return orders.length;
  }

  private async handOver(m: EntityManager, orders: readonly AccessOrderFacts[]): Promise<void> {
    if (orders.length === 0) return;
    const now = this.clock.now();
    const roles = await templateRoles(
      m,
      orders.flatMap((o) =>
        o.lines.flatMap((l) => [l.templateId, ...(l.previousTemplateId ? [l.previousTemplateId] : [])]),
      ),
    );
    const held = await holdingsOf(
      m,
      orders.map((o) => o.endUserId),
    );
    const heldRoles = held.filter((h) => !roles.has(h.templateId));
    if (heldRoles.length > 0) {
      for (const [id, list] of await templateRoles(
        m,
        heldRoles.map((h) => h.templateId),
      ))
        roles.set(id, list);
    }
    const drafts: NewPart[] = [];
    for (const order of orders) {
      // Templates this order takes away do not keep their roles.
      const leaving = new Set(
        order.lines.map((l) =>
          order.type === 'CHANGE' ? l.previousTemplateId : order.type === 'REVOKE' ? l.templateId : null,
        ),
      );
      const kept = new Set(
        held
          .filter((h) => h.personId === order.endUserId && !leaving.has(h.templateId))
          .flatMap((h) => (roles.get(h.templateId) ?? []).map((r) => r.roleId)),
      );
      for (const line of order.lines) {
        for (const share of systemShares({
          type: order.type,
          roles: roles.get(line.templateId) ?? [],
          previousRoles: line.previousTemplateId ? (roles.get(line.previousTemplateId) ?? []) : [],
          keptRoles: kept,
        })) {
          drafts.push({
            orderId: order.id,
            itemId: line.itemId,
            systemId: share.systemId,
            method: share.fulfilment,
            grantRoles: share.grant,
            revokeRoles: share.revoke,
            urgent: order.urgent,
          });
        }
      }
    }
    const parts = await insertParts(m, drafts, now);
    await markHandedOver(
      m,
      orders.map((o) => o.id),
      now,
    );
    await this.audit.appendMany(
      m,
      orders.map((o) => ({
        actorId: null,
        action: 'ACCESS_ORDER_HANDED_OVER',
        entityType: 'order',
        entityId: o.id,
        after: {
          parts: parts
            .filter((p) => p.orderId === o.id)
            .map((p) => ({
              id: p.id,
              itemId: p.itemId,
              systemId: p.systemId,
              method: p.method,
              grantRoles: p.grantRoles.map((r) => r.name),
              revokeRoles: p.revokeRoles.map((r) => r.name),
            })),
        },
      })),
    );
    const manual = parts.filter((p) => p.method === 'MANUAL');
    const admins = await administratorsOfSystems(
      m,
      manual.map((p) => p.systemId),
    );
    for (const order of orders) {
      const own = parts.filter((p) => p.orderId === order.id);
      if (own.length === 0) {
        await this.fulfilment.complete(m, order, [], null);
        continue;
      }
      const ownManual = own.filter((p) => p.method === 'MANUAL');
      if (ownManual.length === 0) continue;
      const mails = await this.fulfilment.partMails(m, order, ownManual);
      await this.mail.enqueueMany(
        m,
        ownManual.flatMap((p, n) =>
          admins
            .filter((a) => a.systemId === p.systemId && a.email)
            .map((a) => ({
              to: a.email,
              template: 'ACCESS_PART_WAITING' as const,
              data: { ...mails[n], recipientName: a.name },
            })),
        ),
      );
    }
  }
}
