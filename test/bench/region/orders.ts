/**
 * The region's order history, simulated person by person, engagement by engagement, from the
 * first day of the portal's history to the reference instant, with the rules the application
 * enforces: a grant only for an assignment of the order's unit that the end user (with an active
 * engagement) does not hold, a revoke only of one held, Spärr & Logg only at private providers,
 * one open line per person and assignment (each engagement's orders follow one another), orderers
 * with order and attest rights on the unit on that day and attestants with attest rights, start
 * dates not before the day of placing, and statuses that match their dates (domain.md, Statuses):
 * an approval on or after the start date is carried out in the same moment, a later start date by
 * the scheduler's first tick of that day, and whatever has not happened by the reference instant
 * has not happened. Carrying out changes the holdings as the application does (rule 16).
 */
import { CATALOGUE } from '../../../server/src/seed/demo-data.js';
import type { Directory, Right } from './directory.js';
import { BATCH_COMMENTS, ORDER_COMMENTS, REJECT_COMMENTS } from './names.js';
import { ID_KIND, regionId, Rng } from './random.js';
import {
  DAY_MS,
  firstTick,
  HISTORY_START_DAY,
  IMPORT_TIME,
  REFERENCE_DAY,
  REFERENCE_TIME,
  stockholmDay,
  stockholmTime,
  workday,
} from './time.js';

export const ORDER_STATUS = ['AWAITING_ATTEST', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED'] as const;
export const LINE_STATUS = ['PENDING', 'DONE', 'REMOVED', 'REJECTED'] as const;
/** Order statuses, as indexes into ORDER_STATUS. */
export const S = { AWAITING: 0, APPROVED: 1, REJECTED: 2, CANCELLED: 3, COMPLETED: 4 } as const;
/** Line statuses, as indexes into LINE_STATUS. */
export const L = { PENDING: 0, DONE: 1, REMOVED: 2, REJECTED: 3 } as const;
type LineStatus = (typeof L)[keyof typeof L];
/** The attestant's decision (or the orderer's cancel), whatever happened after it. */
export const Outcome = { NONE: 0, APPROVE: 1, REJECT: 2, CANCEL: 3 } as const;
type Decision = (typeof Outcome)[keyof typeof Outcome];

/** Mean days between two orders of one person at one unit (tuned to a million orders in all). */
const MEAN_GAP_DAYS = 125;
/** Solgläntan, where the personas order and attest, is busier. */
const SOLGLANTAN_GAP_DAYS = 70;
/** Orders to sarbe3 placed this close to the reference instant still await her attest. */
const SARBE3_BACKLOG_DAYS = 45;

const REMINDER_MS = 3 * DAY_MS;
const ESCALATION_MS = 7 * DAY_MS;

/** Growable columns of numbers. */
class Column<T extends Float64Array | Int32Array | Uint8Array | Int16Array> {
  constructor(public data: T) {}
  grow(size: number): void {
    if (size <= this.data.length) return;
    const Ctor = this.data.constructor as new (n: number) => T;
    const next = new Ctor(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

export class OrderTable {
  count = 0;
  readonly endUser = new Column(new Int32Array(1 << 16));
  readonly unit = new Column(new Int32Array(1 << 16));
  readonly orderer = new Column(new Int32Array(1 << 16));
  /** The attestant named when placed. */
  readonly attestant0 = new Column(new Int32Array(1 << 16));
  /** The attestant at the reference instant (another after a change of attestant). */
  readonly attestant = new Column(new Int32Array(1 << 16));
  readonly type = new Column(new Uint8Array(1 << 16));
  readonly status = new Column(new Uint8Array(1 << 16));
  readonly outcome = new Column(new Uint8Array(1 << 16));
  readonly createdAt = new Column(new Float64Array(1 << 16));
  /** When the attestant was changed; 0: never. */
  readonly changedAt = new Column(new Float64Array(1 << 16));
  /** When approved, rejected or cancelled (up to the reference instant); 0: not yet. */
  readonly decidedAt = new Column(new Float64Array(1 << 16));
  readonly completedAt = new Column(new Float64Array(1 << 16));
  readonly startDay = new Column(new Int32Array(1 << 16));
  /** Last day of a time-limited grant; -1: none. */
  readonly endDay = new Column(new Int32Array(1 << 16));
  readonly urgent = new Column(new Uint8Array(1 << 16));
  readonly comment = new Column(new Int16Array(1 << 16));
  readonly rejectComment = new Column(new Int16Array(1 << 16));
  readonly batch = new Column(new Int32Array(1 << 16));
  readonly lineStart = new Column(new Int32Array(1 << 16));
  readonly lineCount = new Column(new Uint8Array(1 << 16));
  readonly reminderAt = new Column(new Float64Array(1 << 16));
  readonly escalationAt = new Column(new Float64Array(1 << 16));

  private capacity = 1 << 16;

  add(): number {
    const n = this.count++;
    if (this.count > this.capacity) {
      this.capacity *= 2;
      for (const column of Object.values(this)) if (column instanceof Column) column.grow(this.capacity);
    }
    return n;
  }
}

export class LineTable {
  count = 0;
  readonly order = new Column(new Int32Array(1 << 16));
  readonly assignment = new Column(new Int32Array(1 << 16));
  readonly status = new Column(new Uint8Array(1 << 16));
  /** For a carried-out line: the holding it created (grant) or ended (revoke); -1: none. */
  readonly holding = new Column(new Int32Array(1 << 16));

  add(order: number, assignment: number): number {
    const n = this.count++;
    for (const column of [this.order, this.assignment, this.status, this.holding]) column.grow(this.count);
    this.order.data[n] = order;
    this.assignment.data[n] = assignment;
    this.status.data[n] = L.PENDING;
    this.holding.data[n] = -1;
    return n;
  }
}

export interface Holding {
  person: number;
  assignment: number;
  validFrom: number;
  /** Last day; -1: until further notice. */
  validTo: number;
  createdAt: number;
  updatedAt: number;
  /** Removed by a revoke dated on or before its first day (rule 16). */
  removed: boolean;
}

export interface Batch {
  id: string;
  unit: number;
  assignment: number;
  type: 0 | 1;
  orderer: number;
  attestant: number;
  time: number;
  startDay: number;
  urgent: boolean;
  comment: number;
  /** When its attestant approved it with one signature; 0: not by the reference instant. */
  decidedAt: number;
  orders: number[];
}

export interface OrderHistory {
  orders: OrderTable;
  lines: LineTable;
  holdings: Holding[];
  batches: Batch[];
}

interface Pair {
  assignment: number;
  /** The holding in force or last in force, or -1. */
  holding: number;
}

export function simulateOrders(dir: Directory): OrderHistory {
  const rng = new Rng(4_711);
  const orders = new OrderTable();
  const lines = new LineTable();
  const holdings: Holding[] = [];
  const batches = planBatches(dir, rng);
  const batchesOf = dir.units.map(() => [] as Batch[]);
  for (const b of batches) batchesOf[b.unit].push(b);
  for (const list of batchesOf) list.sort((a, b) => a.time - b.time);
  let legacyClock = IMPORT_TIME + 7_200_000;

  const heldOn = (pair: Pair, day: number) => {
    if (pair.holding < 0) return false;
    const h = holdings[pair.holding];
    return !h.removed && h.validFrom <= day && (h.validTo === -1 || h.validTo >= day);
  };

  /** Places one order and lets it run to the reference instant; answers when its lines are free again. */
  const place = (
    person: number,
    unit: number,
    type: 0 | 1,
    pairs: Pair[],
    time: number,
    startDay: number,
    endDay: number,
    comment: number,
    batch: Batch | undefined,
  ): number => {
    const day = stockholmDay(time);
    const o = orders.add();
    const cols = orders;
    let orderer: number;
    let attestant: number;
    if (batch) {
      orderer = batch.orderer;
      attestant = batch.attestant;
    } else {
      [orderer, attestant] = chooseOrdererAndAttestant(dir, rng, unit, day, person);
    }
    cols.endUser.data[o] = person;
    cols.unit.data[o] = unit;
    cols.orderer.data[o] = orderer;
    cols.attestant0.data[o] = attestant;
    cols.attestant.data[o] = attestant;
    cols.type.data[o] = type;
    cols.createdAt.data[o] = time;
    cols.startDay.data[o] = startDay;
    cols.endDay.data[o] = endDay;
    cols.urgent.data[o] = batch ? (batch.urgent ? 1 : 0) : rng.chance(0.05) ? 1 : 0;
    cols.comment.data[o] = comment;
    cols.rejectComment.data[o] = -1;
    cols.batch.data[o] = batch ? batches.indexOf(batch) : -1;
    cols.lineStart.data[o] = lines.count;
    cols.lineCount.data[o] = pairs.length;
    for (const pair of pairs) lines.add(o, pair.assignment);
    if (batch) batch.orders.push(o);

    // What the attestant (or the orderer) does, and when.
    let outcome: Decision;
    let decidedAt: number;
    if (batch) {
      outcome = batch.decidedAt ? Outcome.APPROVE : Outcome.NONE;
      decidedAt = batch.decidedAt;
    } else {
      const r = rng.next();
      outcome =
        r < 0.0015 ? Outcome.NONE : r < 0.037 ? Outcome.CANCEL : r < 0.082 ? Outcome.REJECT : Outcome.APPROVE;
      decidedAt = outcome === Outcome.NONE ? 0 : decisionTime(rng, time);
      if (unit === dir.solglantan && attestant === dir.personas.sarbe3) {
        if (time > REFERENCE_TIME - SARBE3_BACKLOG_DAYS * DAY_MS) outcome = Outcome.NONE;
      }
    }
    if (outcome === Outcome.NONE || decidedAt > REFERENCE_TIME) decidedAt = 0;
    if (decidedAt === 0) outcome = Outcome.NONE;

    // A change of attestant by the orderer while it waits.
    if (!batch && rng.chance(0.08)) {
      const waitedUntil = decidedAt || REFERENCE_TIME;
      if (waitedUntil - time > DAY_MS) {
        const at = Math.round(time + (waitedUntil - time) * (0.15 + rng.next() * 0.6));
        const other = otherAttestant(dir, rng, unit, stockholmDay(at), attestant, person);
        if (other >= 0 && at < waitedUntil) {
          cols.changedAt.data[o] = at;
          cols.attestant.data[o] = other;
        }
      }
    }

    // Reminder after three days and escalation after seven, once each, while it waits.
    const waitedUntil = decidedAt || REFERENCE_TIME;
    const reminder = time + REMINDER_MS + rng.int(1_000, 59_000);
    if (reminder < waitedUntil) cols.reminderAt.data[o] = reminder;
    const escalation = time + ESCALATION_MS + rng.int(1_000, 59_000);
    if (escalation < waitedUntil) cols.escalationAt.data[o] = escalation;

    cols.outcome.data[o] = outcome;
    cols.decidedAt.data[o] = decidedAt;
    const first = cols.lineStart.data[o];
    const setLines = (status: LineStatus, from = 0) => {
      for (let k = from; k < pairs.length; k++) lines.status.data[first + k] = status;
    };
    switch (outcome) {
      case Outcome.NONE:
        cols.status.data[o] = S.AWAITING;
        return Infinity;
      case Outcome.CANCEL:
        cols.status.data[o] = S.CANCELLED;
        setLines(L.REMOVED);
        return decidedAt;
      case Outcome.REJECT:
        cols.status.data[o] = S.REJECTED;
        cols.rejectComment.data[o] = rng.int(0, REJECT_COMMENTS.length - 1);
        setLines(L.REJECTED);
        return decidedAt;
    }
    // Approved, perhaps without one of several lines.
    const removed = pairs.length > 1 && !batch && rng.chance(0.1) ? rng.int(0, pairs.length - 1) : -1;
    if (removed >= 0) lines.status.data[first + removed] = L.REMOVED;
    const completedAt =
      startDay <= stockholmDay(decidedAt)
        ? decidedAt + rng.int(15, 400)
        : firstTick(startDay, rng.next() * 50_000);
    if (completedAt > REFERENCE_TIME) {
      cols.status.data[o] = S.APPROVED;
      return Infinity;
    }
    cols.status.data[o] = S.COMPLETED;
    cols.completedAt.data[o] = completedAt;
    pairs.forEach((pair, k) => {
      if (k === removed) return;
      const line = first + k;
      lines.status.data[line] = L.DONE;
      if (type === 0) {
        holdings.push({
          person,
          assignment: pair.assignment,
          validFrom: startDay,
          validTo: endDay,
          createdAt: completedAt,
          updatedAt: completedAt,
          removed: false,
        });
        pair.holding = holdings.length - 1;
        lines.holding.data[line] = pair.holding;
      } else if (pair.holding >= 0) {
        // Rule 16: a holding still running on the order's date ends the day before.
        const h = holdings[pair.holding];
        if (!h.removed && (h.validTo === -1 || h.validTo >= startDay)) {
          if (h.validFrom < startDay) h.validTo = startDay - 1;
          else h.removed = true;
          h.updatedAt = completedAt;
          lines.holding.data[line] = pair.holding;
        }
      }
    });
    return completedAt;
  };

  const startDate = (day: number) => {
    const r = rng.next();
    return r < 0.55 ? day : r < 0.85 ? day + rng.int(1, 7) : day + rng.int(8, 45);
  };

  for (const e of dir.engagements) {
    const person = e.person;
    const unit = dir.units[e.unit];
    const first = Math.max(e.validFrom, HISTORY_START_DAY);
    const ends = e.validTo === -1 ? Infinity : e.validTo + 1;
    const last = Math.min(ends, REFERENCE_DAY + 1);
    if (first >= last) continue;
    const gap = e.unit === dir.solglantan ? SOLGLANTAN_GAP_DAYS : MEAN_GAP_DAYS;
    const pairs: Pair[] = unit.assignments
      .filter((a) => unit.privateProvider || !CATALOGUE[dir.assignments[a].catalogue].privateProviderOnly)
      .map((assignment) => ({ assignment, holding: -1 }));
    // What the person held when the portal started (from the directory, without orders).
    if (e.validFrom < HISTORY_START_DAY) {
      for (const pair of pairs) {
        const catalogue = dir.assignments[pair.assignment].catalogue;
        const p = [0.78, 0.35, 0.12, 0.07][catalogue];
        if (!rng.chance(p)) continue;
        holdings.push({
          person,
          assignment: pair.assignment,
          validFrom: Math.max(e.validFrom, HISTORY_START_DAY - rng.int(30, 2_500)),
          validTo: -1,
          createdAt: (legacyClock += 2),
          updatedAt: legacyClock,
          removed: false,
        });
        pair.holding = holdings.length - 1;
      }
    }
    const unitBatches = batchesOf[e.unit];
    let nextBatch = 0;
    let free = stockholmTime(first, 7);
    let newHire = e.validFrom >= HISTORY_START_DAY;
    const leaves = ends <= REFERENCE_DAY + 45;

    for (;;) {
      const day = newHire
        ? workday(first + rng.int(0, 4))
        : workday(stockholmDay(free) + 1 + Math.floor(rng.exponential(gap)));
      newHire = false;
      const time = stockholmTime(day, 7.5 + rng.next() * 9);
      // A mass order of the unit sent before then may take this person.
      while (nextBatch < unitBatches.length && unitBatches[nextBatch].time < free) nextBatch++;
      let joined = false;
      while (nextBatch < unitBatches.length && unitBatches[nextBatch].time < time) {
        const b = unitBatches[nextBatch++];
        const bDay = stockholmDay(b.time);
        const pair = pairs.find((p) => p.assignment === b.assignment);
        if (!pair || bDay < first || bDay >= last) continue;
        const eligible = b.type === 0 ? !heldOn(pair, bDay) : heldOn(pair, bDay);
        if (!eligible || !rng.chance(b.type === 0 ? 0.6 : 0.35)) continue;
        free = place(person, e.unit, b.type, [pair], b.time, b.startDay, -1, b.comment, b);
        joined = true;
        break;
      }
      if (!Number.isFinite(free)) break;
      if (joined) continue;
      if (day >= last - (leaves ? 12 : 0) || time > REFERENCE_TIME) break;

      const held = pairs.filter((p) => heldOn(p, day));
      const unheld = pairs.filter((p) => !heldOn(p, day));
      const type: 0 | 1 = held.length > 0 && (unheld.length === 0 || rng.chance(0.4)) ? 1 : 0;
      const candidates = type === 1 ? held : unheld;
      const wanted = Math.min(candidates.length, rng.chance(0.75) ? 1 : rng.chance(0.8) ? 2 : 3);
      const chosen: Pair[] = [];
      while (chosen.length < wanted) {
        const pair = rng.pick(candidates);
        if (!chosen.includes(pair)) chosen.push(pair);
      }
      const start = startDate(day);
      const end = type === 0 && rng.chance(0.18) ? start + rng.int(30, 400) : -1;
      const comment = rng.chance(0.12) ? rng.int(0, ORDER_COMMENTS.length - 1) : -1;
      free = place(person, e.unit, type, chosen, time, start, end, comment, undefined);
      if (!Number.isFinite(free)) break;
    }

    // Leaving: what the person still holds at the unit is ended from the first day without the engagement.
    if (leaves && Number.isFinite(free)) {
      const day = workday(Math.max(stockholmDay(free) + 1, ends - 1 - rng.int(0, 12)));
      if (day <= REFERENCE_DAY) {
        const held = pairs.filter((p) => heldOn(p, day));
        if (held.length > 0) {
          const time = Math.min(stockholmTime(day, 7.5 + rng.next() * 9), REFERENCE_TIME - 60_000);
          if (time > free) place(person, e.unit, 1, held, time, Math.max(ends, day), -1, 4, undefined);
        }
      }
    }
  }
  // Batches nobody joined were never sent.
  const sent = batches.filter((b) => b.orders.length > 0);
  const renumbered = new Int32Array(batches.length).fill(-1);
  sent.forEach((b) => (renumbered[batches.indexOf(b)] = sent.indexOf(b)));
  for (let o = 0; o < orders.count; o++) {
    const b = orders.batch.data[o];
    if (b >= 0) orders.batch.data[o] = renumbered[b];
  }
  sent.forEach((b, n) => (b.id = regionId(ID_KIND.batch, n)));
  return { orders, lines, holdings, batches: sent };
}

/** How long an attestant takes: most within hours, some days, a few weeks; on working hours. */
function decisionTime(rng: Rng, placed: number): number {
  const r = rng.next();
  const hours =
    r < 0.45
      ? 0.15 + rng.next() * 4
      : r < 0.8
        ? 4 + rng.next() * 44
        : r < 0.97
          ? 48 + rng.next() * 120
          : 168 + rng.next() * 550;
  const raw = placed + hours * 3_600_000;
  const day = stockholmDay(raw);
  const local = (raw - stockholmTime(day, 0)) / 3_600_000;
  if (local >= 7 && local < 18 && workday(day) === day) return Math.round(raw);
  const next = workday(local >= 18 ? day + 1 : day);
  return stockholmTime(next, 7 + rng.next() * 3);
}

const inForce = (r: Right, day: number) => r.from <= day && day < r.until;

/** The orderer (order and attest rights that day) and the attestant (attest rights) of an order. */
function chooseOrdererAndAttestant(
  dir: Directory,
  rng: Rng,
  unit: number,
  day: number,
  endUser: number,
): [number, number] {
  const rights = dir.rights[unit].filter((r) => inForce(r, day));
  const head = dir.units[unit].head;
  let orderer: number;
  if (unit === dir.solglantan) {
    const erik = rights.find((r) => r.person === dir.personas.eriho2);
    orderer =
      erik && rng.chance(0.85)
        ? erik.person
        : (rights.find((r) => r.mayOrder && r.person !== head)?.person ?? head);
    if (!erik && rng.chance(0.5)) orderer = head;
  } else {
    const orderers = rights.filter((r) => r.mayOrder && r.mayAttest && r.person !== endUser);
    orderer =
      orderers.length > 1 && rng.chance(0.7)
        ? rng.pick(orderers.filter((r) => r.person !== head)).person
        : head;
  }
  let attestants = rights.filter((r) => r.mayAttest && r.person !== endUser && r.person !== orderer);
  if (unit === dir.solglantan) {
    const sara = attestants.find((r) => r.person === dir.personas.sarbe3);
    if (sara && rng.chance(0.5)) return [orderer, sara.person];
  }
  if (attestants.length === 0) attestants = rights.filter((r) => r.mayAttest && r.person !== endUser);
  const attestant = attestants.length > 0 ? rng.pick(attestants).person : orderer;
  return [orderer, attestant];
}

function otherAttestant(
  dir: Directory,
  rng: Rng,
  unit: number,
  day: number,
  current: number,
  endUser: number,
): number {
  const others = dir.rights[unit].filter(
    (r) => inForce(r, day) && r.mayAttest && r.person !== current && r.person !== endUser,
  );
  return others.length > 0 ? rng.pick(others).person : -1;
}

/**
 * Mass orders: a share of the units send one or two during the history (most grant VoB SJF to
 * new staff), Solgläntan several, the last of them to sarbe3 and still awaiting her attest.
 */
function planBatches(dir: Directory, rng: Rng): Batch[] {
  const batches: Batch[] = [];
  const add = (
    unit: number,
    time: number,
    type: 0 | 1,
    catalogue: number,
    orderer?: number,
    attestant?: number,
    never = false,
  ) => {
    const day = stockholmDay(time);
    const [o, a] =
      orderer === undefined ? chooseOrdererAndAttestant(dir, rng, unit, day, -1) : [orderer, attestant!];
    const decidedAt = never ? 0 : decisionTime(rng, time);
    batches.push({
      id: regionId(ID_KIND.batch, batches.length),
      unit,
      assignment: dir.units[unit].assignments[catalogue],
      type,
      orderer: o,
      attestant: a,
      time,
      startDay: day + (rng.chance(0.5) ? 0 : rng.int(1, 14)),
      urgent: rng.chance(0.05),
      comment: rng.int(0, BATCH_COMMENTS.length - 1),
      decidedAt: decidedAt > REFERENCE_TIME ? 0 : decidedAt,
      orders: [],
    });
  };
  const someTime = () =>
    stockholmTime(workday(rng.int(HISTORY_START_DAY + 30, REFERENCE_DAY - 1)), 8 + rng.next() * 8);
  for (let u = 1; u < dir.units.length; u++) {
    const count = rng.chance(0.3) ? (rng.chance(0.25) ? 2 : 1) : 0;
    for (let k = 0; k < count; k++) {
      const grant = rng.chance(0.8);
      const catalogue = grant ? (rng.chance(0.7) ? 0 : rng.pick([2, 3])) : rng.pick([0, 2, 3]);
      add(u, someTime(), grant ? 0 : 1, catalogue);
    }
  }
  const sol = dir.solglantan;
  const { karlu1, eriho2, sarbe3 } = dir.personas;
  const at = (date: string, hour: number) => stockholmTime(Math.floor(Date.parse(date) / DAY_MS), hour);
  add(sol, at('2021-08-16', 9.3), 0, 0, karlu1, karlu1);
  add(sol, at('2023-02-06', 10.1), 0, 2, karlu1, karlu1);
  add(sol, at('2024-09-02', 13.7), 1, 3, karlu1, karlu1);
  add(sol, at('2026-02-09', 9.8), 0, 0, eriho2, sarbe3);
  add(sol, at('2026-06-15', 14.2), 0, 2, eriho2, karlu1);
  add(sol, at('2026-11-23', 10.4), 0, 3, eriho2, sarbe3, true);
  return batches;
}
