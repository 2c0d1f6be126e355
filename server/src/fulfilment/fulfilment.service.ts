import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  catalogueNames,
  changeAccessHoldings,
  type HoldingChange,
  systemFacts,
} from '../access-catalogue/holdings.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { notFound, ProblemException, ValidationProblem } from '../common/problem.js';
import { sealSecret } from '../common/secret-seal.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService } from '../mail/mail.service.js';
import type { AccessPartMailData } from '../mail/templates/index.js';
import { type AccessOrderFacts, completeAccessOrder, lockAccessOrder } from '../orders/access-handover.js';
import { OrderStateMachine } from '../orders/order-state.js';
import { type PartRecord, orderOfPart, partsOfOrders, readPart, writeSettlement } from './parts.js';

/** The seal's purpose for Återkopplingsinfo (common/secret-seal.ts); the part's id is its context. */
export const FEEDBACK_PURPOSE = 'access-feedback';

/** The longest Återkopplingsinfo and refusal reason. */
export const FEEDBACK_MAX = 2000;

/** How a part is settled: by its system's administrator (actorId) or by the SCIM delivery (null). */
export interface SettleInput {
  status: 'DONE' | 'REFUSED';
  /** Required for REFUSED (≤ 2000). */
  reason?: string | null;
  /** Återkopplingsinfo, only with DONE (≤ 2000); sealed at once, never logged or mailed. */
  feedback?: string | null;
  actorId: string | null;
}

export interface SettleResult {
  partId: string;
  orderId: string;
  status: 'DONE' | 'REFUSED';
  /** The part was the order's last open one: the order is COMPLETED now. */
  orderCompleted: boolean;
}

export const partSettled = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'part-settled',
    'Arbetsuppgiften är redan utförd eller avslagen.',
  );

const tidy = (text: string | null | undefined) => {
  const t = text?.trim();
  return t ? t : null;
};

/** "Behörighetsmall X (Yrkeskategori Y)": how mails name an access line. */
export const templateLineText = (template: string, profession: string) =>
  `Behörighetsmall ${template} (Yrkeskategori ${profession})`;

const joinNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;

/**
 * Settling the parts of access orders and completing the orders (issue 14, Carrying out). Used by
 * the fulfilment queue (a system's administrator marks a part done or refused) and by the SCIM
 * delivery (done over SCIM). Everything happens in the caller's transaction.
 */
@Injectable()
export class FulfilmentService {
  constructor(
    private readonly machine: OrderStateMachine,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Settles one PENDING part: DONE (with optional Återkopplingsinfo, sealed) or REFUSED (with a
   * reason, mailed to the orderer at once). Locks the order first (then its lines, then the
   * part), so two parts of one order settled at once queue up; the last one completes the order.
   * Throws 404 for no such part, 409 when already settled, 400 for a missing reason or too long
   * a text. Who may settle is the caller's check.
   */
  async settle(m: EntityManager, partId: string, input: SettleInput): Promise<SettleResult> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('Settling a part must run in a transaction');
    const reason = tidy(input.reason);
    const feedback = input.status === 'DONE' ? tidy(input.feedback) : null;
    const errors: Record<string, string[]> = {};
    if (input.status === 'REFUSED' && reason === null) errors.reason = ['Ange en orsak till avslaget.'];
    if (reason !== null && reason.length > FEEDBACK_MAX)
      errors.reason = ['Orsaken får vara högst 2000 tecken.'];
    if (feedback !== null && feedback.length > FEEDBACK_MAX) {
      errors.feedback = ['Återkopplingsinfon får vara högst 2000 tecken.'];
    }
    if (Object.keys(errors).length > 0) throw new ValidationProblem(errors);

    const orderId = await orderOfPart(m, partId);
    if (!orderId) throw notFound('Arbetsuppgiften');
    const order = await lockAccessOrder(m, orderId);
    const part = await readPart(m, partId, true);
    if (!order || !part) throw notFound('Arbetsuppgiften');
    if (part.status !== 'PENDING' || order.status !== 'APPROVED') throw partSettled();

    const now = this.clock.now();
    await writeSettlement(m, part.id, {
      status: input.status,
      reason: input.status === 'REFUSED' ? reason : null,
      feedbackSealed:
        feedback === null
          ? null
          : sealSecret(feedback, this.config.signing.keySecret, FEEDBACK_PURPOSE, part.id),
      actorId: input.actorId,
      at: now,
    });
    await this.audit.append(m, {
      actorId: input.actorId,
      action: input.status === 'DONE' ? 'ACCESS_PART_DONE' : 'ACCESS_PART_REFUSED',
      entityType: 'access_part',
      entityId: part.id,
      before: { status: part.status },
      // Never the text of the Återkopplingsinfo: only that there is one.
      after: {
        orderId: order.id,
        itemId: part.itemId,
        systemId: part.systemId,
        method: part.method,
        status: input.status,
        reason: input.status === 'REFUSED' ? reason : null,
        hasFeedback: feedback !== null,
      },
    });
    if (input.status === 'REFUSED' && order.ordererEmail) {
      const [data] = await this.partMails(m, order, [{ ...part, status: 'REFUSED' }]);
      await this.mail.enqueue(m, {
        to: order.ordererEmail,
        template: 'ACCESS_PART_REFUSED',
        data: { ...data, recipientName: order.ordererName, reason: reason ?? '' },
      });
    }
    const parts = await partsOfOrders(m, [order.id]);
    const completed = parts.every((p) => p.status !== 'PENDING');
    if (completed) await this.complete(m, order, parts, input.actorId);
    return { partId: part.id, orderId: order.id, status: input.status, orderCompleted: completed };
  }

  /**
   * Completes an access order whose every part is settled (`parts`: all of them; none for an
   * order with nothing to change): each line DONE when all its parts are, else REJECTED; the
   * holdings of DONE lines written; the order COMPLETED with a plain summary as feedback; the
   * orderer mailed (ORDER_COMPLETED, saying whether Återkopplingsinfo waits, never what it says).
   * `order` must be locked by the caller.
   */
  async complete(
    m: EntityManager,
    order: AccessOrderFacts,
    parts: readonly PartRecord[],
    actorId: string | null,
  ): Promise<void> {
    const names = await catalogueNames(m, {
      templateIds: order.lines.flatMap((l) => [
        l.templateId,
        ...(l.previousTemplateId ? [l.previousTemplateId] : []),
      ]),
      professionIds: order.lines.map((l) => l.professionId),
    });
    const systems = await systemFacts(
      m,
      parts.map((p) => p.systemId),
    );
    const systemName = (id: string) => systems.get(id)?.name ?? '';
    const done: string[] = [];
    const rejected: string[] = [];
    const summary: string[] = [];
    const holdings: HoldingChange[] = [];
    for (const line of order.lines) {
      const own = parts
        .filter((p) => p.itemId === line.itemId)
        .sort((a, b) => systemName(a.systemId).localeCompare(systemName(b.systemId), 'sv'));
      const refused = own.filter((p) => p.status === 'REFUSED');
      const template = names.templates.get(line.templateId) ?? '';
      if (refused.length > 0) {
        rejected.push(line.itemId);
        summary.push(
          `${template}: avslagen i ${joinNames(refused.map((p) => `${systemName(p.systemId)} (${p.reason ?? ''})`))}.`,
        );
        continue;
      }
      done.push(line.itemId);
      summary.push(
        own.length === 0
          ? `${template}: inga roller behövde ändras.`
          : `${template}: utförd i ${joinNames(own.map((p) => systemName(p.systemId)))}.`,
      );
      if (order.type === 'GRANT') {
        holdings.push({
          kind: 'ADD',
          personId: order.endUserId,
          templateId: line.templateId,
          professionId: line.professionId,
          heldFrom: order.startDate,
          orderId: order.id,
        });
      } else if (order.type === 'CHANGE' && line.previousTemplateId) {
        holdings.push({
          kind: 'REPLACE',
          personId: order.endUserId,
          previousTemplateId: line.previousTemplateId,
          templateId: line.templateId,
          professionId: line.professionId,
          heldFrom: order.startDate,
          orderId: order.id,
        });
      } else if (order.type === 'REVOKE') {
        holdings.push({ kind: 'REMOVE', personId: order.endUserId, templateId: line.templateId });
      }
    }
    const withFeedback = parts.some((p) => p.status === 'DONE' && p.feedbackSealed !== null);
    if (withFeedback) summary.push('Inloggningsuppgifter finns att läsa på beställningen.');
    await changeAccessHoldings(m, holdings);
    if (order.ordererEmail) {
      await this.mail.enqueue(m, {
        to: order.ordererEmail,
        template: 'ORDER_COMPLETED',
        data: {
          orderId: order.id,
          orderNumber: order.orderNumber,
          recipientName: order.ordererName,
          type: order.type,
          endUserName: order.endUserNameWithUserId,
          ordererName: order.ordererName,
          startDate: order.startDate,
          urgent: order.urgent,
          templateLines: order.lines.map((l) =>
            templateLineText(
              names.templates.get(l.templateId) ?? '',
              names.professions.get(l.professionId) ?? '',
            ),
          ),
          loginDetailsWaiting: withFeedback,
        },
      });
    }
    await completeAccessOrder(this.machine, m, order.id, {
      done,
      rejected,
      feedback: summary.join('\n'),
      actorId,
    });
  }

  /** The mail data of parts of one (locked) order, in the parts' order. */
  async partMails(
    m: EntityManager,
    order: AccessOrderFacts,
    parts: readonly PartRecord[],
  ): Promise<AccessPartMailData[]> {
    const names = await catalogueNames(m, {
      templateIds: order.lines.map((l) => l.templateId),
      professionIds: order.lines.map((l) => l.professionId),
    });
    const systems = await systemFacts(
      m,
      parts.map((p) => p.systemId),
    );
    return parts.map((p) => {
      const line = order.lines.find((l) => l.itemId === p.itemId);
      return {
        orderId: order.id,
        orderNumber: order.orderNumber,
        partId: p.id,
        systemName: systems.get(p.systemId)?.name ?? '',
        endUserName: order.endUserNameWithUserId,
        templateLine: line
          ? templateLineText(
              names.templates.get(line.templateId) ?? '',
              names.professions.get(line.professionId) ?? '',
            )
          : '',
        grantRoles: p.grantRoles.map((r) => r.name),
        revokeRoles: p.revokeRoles.map((r) => r.name),
        startDate: order.startDate,
        urgent: p.urgent,
      };
    });
  }
}
