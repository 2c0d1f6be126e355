import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import type { OrderMailData } from '../mail/templates/index.js';
import { attestantsStoodInFor } from '../delegations/stand-ins.reads.js';
import { personContacts, personNames } from '../directory/directory.facts.js';
import { type DecisionOrder, decisionOrders } from '../orders/attest-orders.queries.js';
import { CarryOutService } from '../orders/carry-out.service.js';
import { OrderStateMachine } from '../orders/order-state.js';
import type { SignRequestRecord, VerifiedSignature } from '../signing/signing.types.js';
import { type AttestPayload, type ExpectedOrder, lineStates, readPayload } from './attest-payload.js';
import { attestConflict, attestRuleProblem, ownAccessRefused } from './attest.errors.js';
import { inactiveViolations } from './attest-requests.service.js';

const CHANGED_STATUS: Record<string, string> = {
  CANCELLED: 'den har makulerats',
  APPROVED: 'den är redan attesterad',
  COMPLETED: 'den är redan attesterad och utförd',
  REJECTED: 'den är redan avslagen',
};

/**
 * The ATTEST completion: runs inside the signing transaction, after the signature has been
 * verified and stored, so the decision exists exactly when its valid signature does. Any refusal
 * thrown here rolls the signature back with it.
 */
@Injectable()
export class AttestCompletion {
  constructor(
    private readonly machine: OrderStateMachine,
    private readonly carryOut: CarryOutService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  readonly complete = async (
    m: EntityManager,
    request: SignRequestRecord,
    signature: VerifiedSignature,
  ): Promise<void> => {
    const payload = readPayload(request.payload);
    // Locked in id order before anything is read or written: two completions over the same
    // orders queue up here, and the second finds them decided (409) rather than deadlocking.
    const orders = await decisionOrders(
      m,
      payload.orders.map((o) => o.id),
      true,
    );
    const byId = new Map(orders.map((o) => [o.id, o]));
    // Rule 41 again: a stand-in must still stand in for the attestant when the decision takes effect.
    const standing = payload.orders.some((o) => o.attestantId !== request.signerId)
      ? new Set(await attestantsStoodInFor(m, request.signerId, this.clock.today()))
      : new Set<string>();
    for (const expected of payload.orders)
      this.recheck(expected, byId.get(expected.id), request.signerId, standing);
    // Rule 11 again where the decision takes effect: the signer approves no order for himself.
    const own = orders.find((o) => o.endUser.hsaId === signature.signer.hsaId);
    if (payload.decision === 'APPROVE' && own) throw ownAccessRefused(own.orderNumber);
    // Rule 37 again: nothing gone from KIV while the signing window was open is approved.
    if (payload.decision === 'APPROVE') {
      const inactive = inactiveViolations(orders, new Set(payload.removeItemIds));
      if (inactive.length > 0) throw attestRuleProblem(inactive);
    }

    const signerName = (await personNames(m, [request.signerId])).get(request.signerId) ?? '';
    const stoodInFor = await standInFacts(m, orders, request.signerId);
    // The mails name who decided, and for whom when a stand-in did.
    const attestantName = (o: DecisionOrder) => {
      const principal = stoodInFor.get(o.attestantId);
      return principal ? `${signerName} som ersättare för ${principal.name}` : signerName;
    };
    const audit = (after: { order: { attestantId: string } }) => {
      const principal = stoodInFor.get(after.order.attestantId);
      return principal ? { standInFor: principal, decidedBy: request.signerId } : undefined;
    };
    if (payload.decision === 'APPROVE') await this.approve(m, orders, request, payload, attestantName, audit);
    else await this.reject(m, orders, request, payload, attestantName, audit);
  };

  /**
   * Still awaiting attest, still the same attestant — the signer, or one the signer still stands
   * in for (rule 41) — and the same lines in the same states.
   */
  private recheck(
    expected: ExpectedOrder,
    now: DecisionOrder | undefined,
    signerId: string,
    standing: ReadonlySet<string>,
  ): void {
    if (!now) throw attestConflict(expected.orderNumber, 'den finns inte längre');
    const status = CHANGED_STATUS[now.status];
    if (status) throw attestConflict(now.orderNumber, status);
    if (now.attestantId !== expected.attestantId) {
      throw attestConflict(now.orderNumber, 'den har fått en annan attestant');
    }
    if (now.attestantId !== signerId && !standing.has(now.attestantId)) {
      throw attestConflict(now.orderNumber, 'du är inte längre ersättare för dess attestant');
    }
    const lines = lineStates(now.items);
    if (lines.length !== expected.lines.length || lines.some((l, n) => l !== expected.lines[n])) {
      throw attestConflict(now.orderNumber, 'dess rader har ändrats');
    }
  }

  /**
   * One transition for all the orders (OrderStateMachine.applyMany): 500 orders are a fixed
   * number of statements, not 500 times a dozen. Orders whose start date has come are then
   * carried out at once, one by one, by the scheduler's CarryOutService.
   */
  private async approve(
    m: EntityManager,
    orders: readonly DecisionOrder[],
    request: SignRequestRecord,
    payload: AttestPayload,
    attestantName: (o: DecisionOrder) => string,
    auditAfter: AuditAfter,
  ): Promise<void> {
    const removed = new Set(payload.removeItemIds);
    const today = this.clock.today();
    const due = orders.filter((o) => o.startDate <= today);
    await this.machine.applyMany(
      m,
      orders.map((o) => o.id),
      {
        action: 'ORDER_APPROVED',
        actorId: request.signerId,
        to: 'APPROVED',
        items: ({ items }) => {
          const ids = items.filter((i) => removed.has(i.id)).map((i) => i.id);
          return ids.length > 0 ? [{ ids, to: 'REMOVED' }] : [];
        },
        set: { signRequestId: request.id },
        auditAfter,
        // Due orders are carried out below and their orderers get the "utförd" mail instead:
        // this one says the order will be carried out on its start date.
        effects: async (tx) => {
          // An access order is handed over to its systems' administrators (or SCIM) rather than
          // carried out: done only once they are, so its orderer hears of the approval now too.
          const waiting = orders.filter((o) => o.kind === 'ACCESS' || o.startDate > today);
          await this.mail.enqueueMany(
            tx,
            waiting.map((o) => ({
              to: o.orderer.email,
              template: 'ORDER_APPROVED' as const,
              data: { ...mailFacts(o, (i) => !removed.has(i.id)), attestantName: attestantName(o) },
            })),
          );
        },
      },
    );
    for (const order of due) await this.carryOut.carryOutIfDue(m, order.id);
  }

  private async reject(
    m: EntityManager,
    orders: readonly DecisionOrder[],
    request: SignRequestRecord,
    payload: AttestPayload,
    attestantName: (o: DecisionOrder) => string,
    auditAfter: AuditAfter,
  ): Promise<void> {
    const comment = payload.comment ?? '';
    await this.machine.applyMany(
      m,
      orders.map((o) => o.id),
      {
        action: 'ORDER_REJECTED',
        actorId: request.signerId,
        to: 'REJECTED',
        items: () => [{ to: 'REJECTED' }],
        set: { rejectComment: comment, signRequestId: request.id },
        auditAfter,
        effects: async (tx) => {
          await this.mail.enqueueMany(
            tx,
            orders.map((o) => ({
              to: o.orderer.email,
              template: 'ORDER_REJECTED' as const,
              data: { ...mailFacts(o, () => true), attestantName: attestantName(o), comment },
            })),
          );
        },
      },
    );
  }
}

type AuditAfter = (after: { order: { attestantId: string } }) => Record<string, unknown> | undefined;

/** The attestants of the orders the signer is not, as the audit names them (rule 41). */
async function standInFacts(
  m: EntityManager,
  orders: readonly DecisionOrder[],
  signerId: string,
): Promise<Map<string, { attestantId: string; name: string; userId: string }>> {
  const ids = [...new Set(orders.map((o) => o.attestantId).filter((id) => id !== signerId))];
  if (ids.length === 0) return new Map();
  return new Map(
    (await personContacts(m, ids)).map((p) => [
      p.id,
      { attestantId: p.id, name: `${p.firstName} ${p.lastName}`, userId: p.userId },
    ]),
  );
}

function mailFacts(
  order: DecisionOrder,
  named: (item: DecisionOrder['items'][number]) => boolean,
): OrderMailData {
  const items = order.items.filter(named);
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    recipientName: order.orderer.name,
    type: order.type,
    endUserName: `${order.endUser.name} (${order.endUser.userId})`,
    ordererName: `${order.orderer.name} (${order.orderer.userId})`,
    startDate: order.startDate,
    urgent: order.urgent,
    ...(order.kind === 'ACCESS'
      ? {
          accessOperationName: order.accessOperation?.name,
          accessAreaName: order.accessOperation?.areaName,
          templateLines: items.map(
            (i) => `Behörighetsmall ${i.templateName ?? ''} (Yrkeskategori ${i.professionName ?? ''})`,
          ),
        }
      : {
          careUnitName: order.careUnit?.name,
          assignmentNames: items.map((i) => i.assignmentName ?? ''),
        }),
  };
}
