import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { ValidationProblem } from '../common/problem.js';
import type { Rights } from '../common/auth/rights.js';
import { attestantsStoodInFor } from '../delegations/stand-ins.reads.js';
import { RightsService } from '../delegations/rights.service.js';
import { fullName, personContacts } from '../directory/directory.facts.js';
import { type DecisionOrder, decisionOrders } from '../orders/attest-orders.queries.js';
import { awaitingAttest, isOpenLine } from '../orders/order-status.js';
import { orderNotFound } from '../orders/orders.errors.js';
import { SigningService } from '../signing/signing.service.js';
import { attestDocument, attestPurpose } from './attest-document.js';
import { type AttestPayload, lineStates, toJson } from './attest-payload.js';
import {
  attestRuleProblem,
  attestViolation,
  type AttestViolation,
  COMMENT_REQUIRED,
} from './attest.errors.js';
import type { AttestSignRequestAnswer } from './attest.types.js';
import type { CreateAttestSignRequestDto } from './dto/sign-request.dto.js';

/** The kind of sign request whose completion carries out an attest decision. */
export const ATTEST_KIND = 'ATTEST';

/**
 * Godkänn / Avslå: checks the decision against the orders as they are now and asks the signing
 * module for a sign request over its canonical text. Nothing of the decision happens here; it
 * takes effect only when the signature is verified (AttestCompletion).
 */
@Injectable()
export class AttestRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signing: SigningService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly rights: RightsService,
  ) {}

  async create(actor: Actor, dto: CreateAttestSignRequestDto): Promise<AttestSignRequestAnswer> {
    const comment = dto.comment?.trim() || null;
    if (dto.decision === 'REJECT' && !comment) {
      throw new ValidationProblem({ comment: [COMMENT_REQUIRED] }, COMMENT_REQUIRED);
    }
    const removeItemIds = new Set((dto.removeItemIds ?? []).map((id) => id.toLowerCase()));
    return this.db.transaction(async (m) => {
      const orders = await decisionOrders(m, dto.orderIds);
      // Rule 41: a stand-in decides the orders of the attestants they stand in for today.
      const today = this.clock.today();
      const others = orders.some((o) => o.attestantId !== actor.person.id)
        ? new Set(await attestantsStoodInFor(m, actor.person.id, today))
        : new Set<string>();
      // Someone else's order, or none: the same 404 (rule 5, The attest link is the attestant's alone).
      if (
        orders.length !== dto.orderIds.length ||
        orders.some((o) => o.attestantId !== actor.person.id && !others.has(o.attestantId))
      ) {
        throw orderNotFound();
      }
      const standIn = await this.standInFor(m, orders, actor.person.id);
      this.check(actor, dto.decision, orders, removeItemIds, standIn);

      const payload: AttestPayload = {
        decision: dto.decision,
        comment,
        removeItemIds: [...removeItemIds],
        orders: orders.map((o) => ({
          id: o.id,
          orderNumber: o.orderNumber,
          attestantId: o.attestantId,
          lines: lineStates(o.items),
        })),
      };
      const person = actor.person;
      const document = attestDocument({
        decision: dto.decision,
        comment,
        attestant: {
          name: fullName(person),
          userId: person.userId,
          hsaId: person.hsaId,
        },
        at: this.clock.now(),
        orders,
        removeItemIds,
        standInFor: new Map([...standIn].map(([id, a]) => [id, a.person])),
      });
      const created = await this.signing.createRequest(m, {
        signerId: person.id,
        kind: ATTEST_KIND,
        purpose: attestPurpose(dto.decision, orders),
        document,
        payload: toJson(payload),
      });
      await this.audit.append(m, {
        actorId: person.id,
        action: 'ATTEST_SIGN_REQUESTED',
        entityType: 'sign_request',
        entityId: created.id,
        after: {
          decision: dto.decision,
          orderNumbers: orders.map((o) => o.orderNumber),
          removeItemIds: payload.removeItemIds,
          digest: created.digest,
          ...standInAudit(orders, standIn),
        },
      });
      return {
        requestId: created.id,
        signingUrl: created.signingUrl,
        document,
        digest: created.digest,
        expiresAt: created.expiresAt,
        decision: dto.decision,
        orderIds: orders.map((o) => o.id),
      };
    });
  }

  /**
   * The attestants of the orders that are not the caller's own, each with their rights as they
   * are now: a stand-in decides with the attestant's right to attest (rule 41), not their own.
   */
  private async standInFor(
    m: Parameters<typeof decisionOrders>[0],
    orders: readonly DecisionOrder[],
    me: string,
  ): Promise<Map<string, { person: StandInPrincipal; rights: Rights }>> {
    const ids = [...new Set(orders.map((o) => o.attestantId).filter((id) => id !== me))];
    const found = new Map<string, { person: StandInPrincipal; rights: Rights }>();
    for (const p of await personContacts(m, ids)) {
      found.set(p.id, {
        person: { id: p.id, name: fullName(p), userId: p.userId },
        rights: await this.rights.forPerson(p),
      });
    }
    return found;
  }

  /** Status first (409), then rights (403), then the lines (422): every refusal of a kind at once. */
  private check(
    actor: Actor,
    decision: CreateAttestSignRequestDto['decision'],
    orders: readonly DecisionOrder[],
    removeItemIds: ReadonlySet<string>,
    standIn: ReadonlyMap<string, { rights: Rights }>,
  ): void {
    const waiting = orders
      .filter((o) => !awaitingAttest(o.status))
      .map((o) => attestViolation('NOT_AWAITING_ATTEST', o));
    if (waiting.length > 0) throw attestRuleProblem(waiting);

    const rights = orders
      .filter((o) => !mayAttestOrder(standIn.get(o.attestantId)?.rights ?? actor.rights, o))
      .map((o) => attestViolation(o.kind === 'ACCESS' ? 'NO_ACCESS_ATTEST_RIGHT' : 'NO_ATTEST_RIGHT', o));
    // Rule 11, Nobody grants himself access alone: never approve an order for oneself.
    if (decision === 'APPROVE') {
      rights.push(
        ...orders
          .filter((o) => o.endUser.userId === actor.person.userId)
          .map((o) => attestViolation('OWN_ACCESS', o)),
      );
    }
    if (rights.length > 0) throw attestRuleProblem(rights);

    const lines: AttestViolation[] = [];
    if (decision === 'REJECT' && removeItemIds.size > 0)
      lines.push(attestViolation('REMOVE_ON_REJECT', null));
    const pending = new Set(
      orders.flatMap((o) => o.items.filter((i) => isOpenLine(i.status)).map((i) => i.id)),
    );
    for (const id of removeItemIds)
      if (!pending.has(id)) lines.push(attestViolation('UNKNOWN_ITEM', null, id));
    if (decision === 'APPROVE') {
      for (const o of orders) {
        if (o.items.every((i) => removeItemIds.has(i.id)))
          lines.push(attestViolation('ALL_ITEMS_REMOVED', o));
      }
      lines.push(...inactiveViolations(orders, removeItemIds));
    }
    if (lines.length > 0) throw attestRuleProblem(lines);
  }
}

/**
 * Rule 37, Gone from KIV gets nothing new: approving a grant (or an access order's grant or
 * change) whose end user, care unit or assignment has become inactive in the directory since it
 * was placed. A revoke is approved as ever, and any order can be rejected. Checked when the sign
 * request is made and again where the decision takes effect (AttestCompletion).
 */
export function inactiveViolations(
  orders: readonly DecisionOrder[],
  removeItemIds: ReadonlySet<string>,
): AttestViolation[] {
  const found: AttestViolation[] = [];
  for (const o of orders) {
    if (o.type === 'REVOKE') continue;
    if (!o.endUserActive) found.push(attestViolation('PERSON_INACTIVE', o));
    if (o.careUnitActive === false) found.push(attestViolation('CARE_UNIT_INACTIVE', o));
    for (const i of o.items) {
      if (i.assignmentActive === false && !removeItemIds.has(i.id) && isOpenLine(i.status)) {
        found.push(attestViolation('ASSIGNMENT_INACTIVE', o, i.id));
      }
    }
  }
  return found;
}

/**
 * The attestant's right as it is now: for a VMU order ATTEST on the care unit covering every
 * line's assignment; for an access order ATTEST on its verksamhet (its head or an ATTEST delegate).
 */
function mayAttestOrder(rights: Rights, order: DecisionOrder): boolean {
  if (order.kind === 'ACCESS') {
    return order.accessOperationId !== null && rights.mayAttestAccess(order.accessOperationId);
  }
  const unit = order.careUnitId;
  return (
    unit !== null &&
    order.items.every((i) => i.assignmentId !== null && rights.mayAttest(unit, i.assignmentId))
  );
}

/** The attestant a stand-in decides for, as the signed text and the audit name them (rule 41). */
export interface StandInPrincipal {
  id: string;
  name: string;
  userId: string;
}

/** The audit's `standInFor`: each attestant stood in for and their orders; nothing when none. */
function standInAudit(
  orders: readonly DecisionOrder[],
  standIn: ReadonlyMap<string, { person: StandInPrincipal }>,
): { standInFor?: { attestantId: string; name: string; userId: string; orderNumbers: string[] }[] } {
  if (standIn.size === 0) return {};
  return {
    standInFor: [...standIn.values()].map(({ person }) => ({
      attestantId: person.id,
      name: person.name,
      userId: person.userId,
      orderNumbers: orders.filter((o) => o.attestantId === person.id).map((o) => o.orderNumber),
    })),
  };
}
