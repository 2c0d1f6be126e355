/**
 * Everything that happened in the region, in the order it happened: the directory's creation and
 * changes, delegations, every order's transitions (each one audit event, domain.md Statuses) and
 * the scheduler's notices (not audited, but mailed). The audit chain is appended in this order, so
 * ids increase with time as they do when the application appends.
 */
import { CATALOGUE } from '../../../server/src/seed/demo-data.js';
import { canonicalJson, type JsonValue } from '../../../server/src/audit/audit-chain.js';
import { assignmentName, iso, lineId, linesOf, orderId, type Region } from './model.js';
import { BATCH_COMMENTS, ORDER_COMMENTS, REJECT_COMMENTS } from './names.js';
import { L, LINE_STATUS, ORDER_STATUS, Outcome, S } from './orders.js';
import { dateOf, firstTick, REFERENCE_TIME, stockholmDay } from './time.js';

/** What happened; the first group is audited (one event each), the second only mailed. */
export const H = {
  PROVIDER: 0,
  ADMINISTRATION: 1,
  UNIT: 2,
  ASSIGNMENT: 3,
  PERSON: 4,
  ENGAGEMENT: 5,
  HEAD: 6,
  ENGAGEMENT_END: 7,
  DELEGATION: 8,
  DELEGATION_REVOKED: 9,
  PLACED: 10,
  BATCH: 11,
  CHANGED: 12,
  DECIDED: 13,
  COMPLETED: 14,
  REMINDER: 20,
  ESCALATION: 21,
  GRANT_ENDED: 22,
  DELEGATION_EXPIRING: 23,
} as const;
export const LAST_AUDITED: number = H.COMPLETED;

export interface Timeline {
  count: number;
  time: Float64Array;
  kind: Uint8Array;
  ref: Int32Array;
  /** Happening indexes in the order they happened. */
  order: Uint32Array;
  audited: number;
}

/** When a grant's time-limited holding ran out and its orderer was told (0: not by the reference instant). */
export function grantEndedAt(r: Region, o: number): number {
  const { orders, lines, holdings } = r.history;
  if (orders.type.data[o] !== 0 || orders.status.data[o] !== S.COMPLETED || orders.endDay.data[o] < 0)
    return 0;
  const end = orders.endDay.data[o];
  const first = orders.lineStart.data[o];
  for (let k = 0; k < orders.lineCount.data[o]; k++) {
    const h = lines.holding.data[first + k];
    if (lines.status.data[first + k] !== L.DONE || h < 0) continue;
    const holding = holdings[h];
    if (holding.removed || holding.validTo !== end) continue;
    const at = firstTick(end + 1, (o % 50) * 1_000);
    return at <= REFERENCE_TIME ? at : 0;
  }
  return 0;
}

/** When a delegation's delegate and head were told it ends within 14 days (0: never). */
export function delegationExpiringAt(r: Region, d: number): number {
  const delegation = r.dir.delegations[d];
  if (delegation.existing || delegation.validTo < 0) return 0;
  const day = Math.max(delegation.validFrom, delegation.validTo - 14);
  let at = firstTick(day, (d % 40) * 1_000);
  if (at < delegation.createdAt) at = delegation.createdAt + 45_000;
  if (stockholmDay(at) > delegation.validTo || at > REFERENCE_TIME) return 0;
  if (delegation.revokedAt && delegation.revokedAt <= at) return 0;
  return at;
}

export function buildTimeline(r: Region): Timeline {
  const { dir } = r;
  const { orders } = r.history;
  let capacity = orders.count * 4 + dir.persons.length * 3 + 100_000;
  let time = new Float64Array(capacity);
  let kind = new Uint8Array(capacity);
  let ref = new Int32Array(capacity);
  let count = 0;
  let audited = 0;
  const add = (at: number, k: number, n: number) => {
    if (count === capacity) {
      capacity *= 2;
      const t = new Float64Array(capacity);
      t.set(time);
      time = t;
      const kk = new Uint8Array(capacity);
      kk.set(kind);
      kind = kk;
      const rr = new Int32Array(capacity);
      rr.set(ref);
      ref = rr;
    }
    time[count] = at;
    kind[count] = k;
    ref[count] = n;
    count++;
    if (k <= LAST_AUDITED) audited++;
  };
  r.createdAt.provider.forEach((at, n) => at && add(at, H.PROVIDER, n));
  r.createdAt.administration.forEach((at, n) => at && add(at, H.ADMINISTRATION, n));
  r.createdAt.unit.forEach((at, n) => at && add(at, H.UNIT, n));
  r.createdAt.assignment.forEach((at, n) => at && add(at, H.ASSIGNMENT, n));
  r.createdAt.head.forEach((at, n) => at && add(at, H.HEAD, n));
  dir.persons.forEach((p, n) => !p.existing && add(p.createdAt, H.PERSON, n));
  dir.engagements.forEach((e, n) => {
    add(e.createdAt, H.ENGAGEMENT, n);
    if (e.endedAt) add(e.endedAt, H.ENGAGEMENT_END, n);
  });
  dir.delegations.forEach((d, n) => {
    if (d.existing) return;
    add(d.createdAt, H.DELEGATION, n);
    if (d.revokedAt) add(d.revokedAt, H.DELEGATION_REVOKED, n);
    const expiring = delegationExpiringAt(r, n);
    if (expiring) add(expiring, H.DELEGATION_EXPIRING, n);
  });
  r.history.batches.forEach((b, n) => add(b.time + 30, H.BATCH, n));
  for (let o = 0; o < orders.count; o++) {
    add(orders.createdAt.data[o], H.PLACED, o);
    if (orders.changedAt.data[o]) add(orders.changedAt.data[o], H.CHANGED, o);
    if (orders.decidedAt.data[o]) add(orders.decidedAt.data[o], H.DECIDED, o);
    if (orders.completedAt.data[o]) add(orders.completedAt.data[o], H.COMPLETED, o);
    if (orders.reminderAt.data[o]) add(orders.reminderAt.data[o], H.REMINDER, o);
    if (orders.escalationAt.data[o]) add(orders.escalationAt.data[o], H.ESCALATION, o);
    const ended = grantEndedAt(r, o);
    if (ended) add(ended, H.GRANT_ENDED, o);
  }
  // Same instant: in the order the application writes them (a mass order's orders by number).
  const rank = new Uint32Array(orders.count);
  r.placed.forEach((o, n) => (rank[o] = n));
  const key = (i: number) => (kind[i] >= H.PLACED && kind[i] <= H.COMPLETED ? rank[ref[i]] : ref[i]);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => time[a] - time[b] || kind[a] - kind[b] || key(a) - key(b));
  return { count, time, kind, ref, order, audited };
}

export interface EventContent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** The snapshots as canonical JSON (audit-chain.ts canonicalJson), null when none. */
  before: string | null;
  after: string | null;
}

const json = (value: JsonValue): string | null => (value === null ? null : canonicalJson(value));

type Stage = 'PLACED' | 'APPROVED' | 'DECIDED' | 'COMPLETED';

const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

/**
 * The order as orders/order-records.ts auditSnapshot keeps it, at the stages of its life, as its
 * canonical JSON (audit-chain.ts canonicalJson: keys sorted, no spaces), written out directly from
 * the parts that do not change between an event's before and after: a million orders' snapshots
 * are most of the chain's content. The chain's writer checks it against canonicalJson itself.
 */
function orderSnapshots(r: Region, o: number): (stage: Stage, attestant: number) => string {
  const { dir } = r;
  const { orders, lines } = r.history;
  const outcome = orders.outcome.data[o];
  const batch = orders.batch.data[o];
  const end = orders.endDay.data[o];
  const lineList = linesOf(r, o);
  const items = lineList.map(
    (line) =>
      `{"assignmentId":"${dir.assignments[lines.assignment.data[line]].id}","id":"${lineId(line)}","status":"`,
  );
  const finals = lineList.map((line) => lines.status.data[line]);
  const beforeFeedback =
    `","batchId":${batch >= 0 ? `"${r.history.batches[batch].id}"` : 'null'},` +
    `"careUnitId":"${dir.units[orders.unit.data[o]].id}",` +
    `"comment":${text(orderComment(r, o))},` +
    `"endDate":${end >= 0 ? `"${dateOf(end)}"` : 'null'},` +
    `"endUserId":"${dir.persons[orders.endUser.data[o]].id}",` +
    `"hasFeedback":`;
  const beforeReject =
    `],"orderNumber":"${r.orderNumber[o]}",` +
    `"ordererId":"${dir.persons[orders.orderer.data[o]].id}",` +
    `"rejectComment":`;
  const reject = outcome === Outcome.REJECT ? text(REJECT_COMMENTS[orders.rejectComment.data[o]]) : 'null';
  const beforeStatus = `,"signRequestId":null,"startDate":"${dateOf(orders.startDay.data[o])}","status":"`;
  const last = `","type":"${orders.type.data[o] === 0 ? 'GRANT' : 'REVOKE'}","urgent":${orders.urgent.data[o] === 1}}`;
  const decided =
    ORDER_STATUS[
      outcome === Outcome.APPROVE ? S.APPROVED : outcome === Outcome.REJECT ? S.REJECTED : S.CANCELLED
    ];
  return (stage, attestant) => {
    const status =
      stage === 'PLACED'
        ? ORDER_STATUS[S.AWAITING]
        : stage === 'APPROVED'
          ? ORDER_STATUS[S.APPROVED]
          : stage === 'DECIDED'
            ? decided
            : ORDER_STATUS[S.COMPLETED];
    let list = '';
    for (let k = 0; k < items.length; k++) {
      const final = finals[k];
      // Removed or rejected when decided; carried out (DONE) only at the end; pending until then.
      const lineStatus =
        stage === 'PLACED'
          ? LINE_STATUS[L.PENDING]
          : final === L.REMOVED || final === L.REJECTED
            ? LINE_STATUS[final]
            : LINE_STATUS[stage === 'COMPLETED' ? final : L.PENDING];
      list += `${k > 0 ? ',' : ''}${items[k]}${lineStatus}"}`;
    }
    return (
      `{"attestantId":"${dir.persons[attestant].id}${beforeFeedback}${stage === 'COMPLETED'},"items":[${list}` +
      `${beforeReject}${stage === 'DECIDED' ? reject : 'null'}${beforeStatus}${status}${last}`
    );
  };
}

/** The order's comment as its row keeps it (a mass order's orders carry the batch's). */
export function orderComment(r: Region, o: number): string | null {
  const comment = r.history.orders.comment.data[o];
  const batch = r.history.orders.batch.data[o];
  if (comment < 0) return null;
  return batch >= 0 ? BATCH_COMMENTS[r.history.batches[batch].comment] : ORDER_COMMENTS[comment];
}

const assignmentIdsOf = (r: Region, assignments: number[]) =>
  [...assignments]
    .sort((a, b) => (assignmentName(r, a) < assignmentName(r, b) ? -1 : 1))
    .map((a) => r.dir.assignments[a].id);

/** A delegation as delegations.service.ts snapshots it. */
function delegationSnapshot(r: Region, d: number): { [key: string]: JsonValue } {
  const delegation = r.dir.delegations[d];
  return {
    rights: [...(delegation.mayOrder ? ['ORDER'] : []), ...(delegation.mayAttest ? ['ATTEST'] : [])],
    assignmentIds: assignmentIdsOf(r, delegation.assignments),
    validFrom: dateOf(delegation.validFrom),
    validTo: delegation.validTo >= 0 ? dateOf(delegation.validTo) : null,
  };
}

const unitSnapshot = (r: Region, u: number, head: boolean): JsonValue => {
  const unit = r.dir.units[u];
  return {
    hsaId: unit.hsaId,
    name: unit.name,
    administrationId: r.dir.administrations[unit.administration].id,
    headOfUnitId: head ? r.dir.persons[unit.head].id : null,
  };
};

const engagementSnapshot = (r: Region, n: number, ended: boolean): JsonValue => {
  const e = r.dir.engagements[n];
  return {
    personId: r.dir.persons[e.person].id,
    careUnitId: r.dir.units[e.unit].id,
    costCentre: e.costCentre,
    title: e.title,
    validFrom: dateOf(e.validFrom),
    validTo: ended && e.validTo >= 0 ? dateOf(e.validTo) : null,
  };
};

/**
 * The audit event of an audited happening, exactly as the application's writer records it
 * (DirectoryAudit's row snapshots, DelegationRecorder's, OrderStateMachine's, MassOrderSender's).
 */
export function eventContent(r: Region, kind: number, n: number): EventContent {
  const { dir } = r;
  const { orders } = r.history;
  switch (kind) {
    case H.PROVIDER: {
      const p = dir.providers[n];
      return directoryEvent('care_provider', 'CARE_PROVIDER_CREATED', p.id, null, {
        hsaId: p.hsaId,
        name: p.name,
        kind: p.kind,
      });
    }
    case H.ADMINISTRATION: {
      const a = dir.administrations[n];
      const after = { code: a.code, name: a.name, careProviderId: dir.providers[a.provider].id };
      return directoryEvent('administration', 'ADMINISTRATION_CREATED', a.id, null, after);
    }
    case H.UNIT:
      return directoryEvent(
        'care_unit',
        'CARE_UNIT_CREATED',
        dir.units[n].id,
        null,
        unitSnapshot(r, n, false),
      );
    case H.HEAD:
      return directoryEvent(
        'care_unit',
        'CARE_UNIT_HEAD_CHANGED',
        dir.units[n].id,
        unitSnapshot(r, n, false),
        unitSnapshot(r, n, true),
      );
    case H.ASSIGNMENT: {
      const a = dir.assignments[n];
      const c = CATALOGUE[a.catalogue];
      const after = {
        hsaId: a.hsaId,
        careUnitId: dir.units[a.unit].id,
        name: c.name,
        purpose: c.purpose,
        kind: c.kind,
        description: c.description,
        privateProviderOnly: c.privateProviderOnly,
      };
      return directoryEvent('assignment', 'ASSIGNMENT_CREATED', a.id, null, after);
    }
    case H.PERSON: {
      const p = dir.persons[n];
      const after = {
        hsaId: p.hsaId,
        userId: p.userId,
        personnummer: p.personnummer,
        passportNumber: p.passportNumber,
        firstName: p.firstName,
        lastName: p.lastName,
        title: p.title,
        email: p.email,
        protectedIdentity: p.protectedIdentity,
        isAdministrator: false,
      };
      return directoryEvent('person', 'PERSON_CREATED', p.id, null, after);
    }
    case H.ENGAGEMENT: {
      const e = dir.engagements[n];
      return directoryEvent(
        'engagement',
        'ENGAGEMENT_CREATED',
        e.id,
        null,
        engagementSnapshot(r, n, !e.endedAt),
      );
    }
    case H.ENGAGEMENT_END:
      return directoryEvent(
        'engagement',
        'ENGAGEMENT_UPDATED',
        dir.engagements[n].id,
        engagementSnapshot(r, n, false),
        engagementSnapshot(r, n, true),
      );
    case H.DELEGATION: {
      const d = dir.delegations[n];
      return {
        actorId: dir.persons[d.grantor].id,
        action: 'DELEGATION_CREATED',
        entityType: 'delegation',
        entityId: d.id,
        before: null,
        after: json(delegationSnapshot(r, n)),
      };
    }
    case H.DELEGATION_REVOKED: {
      const d = dir.delegations[n];
      const before = delegationSnapshot(r, n);
      return {
        actorId: dir.persons[d.grantor].id,
        action: 'DELEGATION_REVOKED',
        entityType: 'delegation',
        entityId: d.id,
        before: json(before),
        after: json({ ...before, revokedAt: iso(d.revokedAt) }),
      };
    }
    case H.BATCH: {
      const b = r.history.batches[n];
      const numbers = b.orders.map((o) => r.orderNumber[o]).sort();
      return {
        actorId: dir.persons[b.orderer].id,
        action: 'MASS_ORDER_PLACED',
        entityType: 'mass_order_batch',
        entityId: b.id,
        before: null,
        after: json({
          assignmentId: dir.assignments[b.assignment].id,
          careUnitId: dir.units[b.unit].id,
          attestantId: dir.persons[b.attestant].id,
          startDate: dateOf(b.startDay),
          urgent: b.urgent,
          orderNumbers: numbers,
        }),
      };
    }
  }
  const id = orderId(n);
  const a0 = orders.attestant0.data[n];
  const a1 = orders.attestant.data[n];
  const orderer = dir.persons[orders.orderer.data[n]].id;
  const order = (
    action: string,
    actorId: string | null,
    before: string | null,
    after: string,
  ): EventContent => ({
    actorId,
    action,
    entityType: 'order',
    entityId: id,
    before,
    after,
  });
  const snapshot = orderSnapshots(r, n);
  switch (kind) {
    case H.PLACED:
      return order('ORDER_PLACED', orderer, null, snapshot('PLACED', a0));
    case H.CHANGED:
      return order('ORDER_ATTESTANT_CHANGED', orderer, snapshot('PLACED', a0), snapshot('PLACED', a1));
    case H.DECIDED: {
      const outcome = orders.outcome.data[n];
      const action =
        outcome === Outcome.APPROVE
          ? 'ORDER_APPROVED'
          : outcome === Outcome.REJECT
            ? 'ORDER_REJECTED'
            : 'ORDER_CANCELLED';
      const actor = outcome === Outcome.CANCEL ? orderer : dir.persons[a1].id;
      return order(action, actor, snapshot('PLACED', a1), snapshot('DECIDED', a1));
    }
    case H.COMPLETED:
      return order('ORDER_COMPLETED', null, snapshot('APPROVED', a1), snapshot('COMPLETED', a1));
  }
  throw new Error(`Happening ${kind} is not audited`);
}

function directoryEvent(
  entityType: string,
  action: string,
  id: string,
  before: JsonValue,
  after: JsonValue,
): EventContent {
  // The directory's import (KIV) acts by itself: no person is the actor.
  return { actorId: null, action, entityType, entityId: id, before: json(before), after: json(after) };
}
