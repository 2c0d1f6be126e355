/**
 * The region as rows: the directory and the order history, with what their rows and events need
 * besides (order numbers in the order orders were placed, ids, names, when the organisation was
 * created in the portal), in one place for the table writers, the audit chain and the mails.
 */
import { CATALOGUE } from '../../../server/src/seed/demo-data.js';
import type { Directory } from './directory.js';
import { L, type OrderHistory, Outcome } from './orders.js';
import { ID_KIND, regionId } from './random.js';
import { dateOf, IMPORT_TIME, stockholmDay } from './time.js';

/** The first order number the sequence hands out (migration Orders). */
const FIRST_ORDER_NUMBER = 5_648_820;

export interface Region {
  dir: Directory;
  history: OrderHistory;
  /** Order indexes in the order they were placed (order numbers ascend along it). */
  placed: Uint32Array;
  /** Per order index: its order number. */
  orderNumber: string[];
  /** When each new provider, administration, unit and assignment was created, and a unit got its head. */
  createdAt: {
    provider: number[];
    administration: number[];
    unit: number[];
    assignment: number[];
    head: number[];
  };
}

export function toRegion(dir: Directory, history: OrderHistory): Region {
  const { orders } = history;
  const created = orders.createdAt.data;
  const batch = orders.batch.data;
  const placed = new Uint32Array(orders.count);
  for (let n = 0; n < placed.length; n++) placed[n] = n;
  // A mass order's orders are placed in one statement: consecutive numbers.
  placed.sort((a, b) => created[a] - created[b] || batch[a] - batch[b] || a - b);
  const orderNumber = new Array<string>(orders.count);
  placed.forEach((o, rank) => (orderNumber[o] = `BEH${FIRST_ORDER_NUMBER + rank}`));

  // The organisation came first (an hour before the persons), the heads after the persons.
  let clock = IMPORT_TIME - 3_600_000;
  const next = () => (clock += 3);
  const times = <T extends { existing: boolean }>(rows: T[]) => rows.map((r) => (r.existing ? 0 : next()));
  const provider = times(dir.providers);
  const administration = times(dir.administrations);
  const unit = times(dir.units);
  const assignment = times(dir.assignments);
  clock = IMPORT_TIME + 4 * 3_600_000;
  const head = dir.units.map((u) =>
    u.existing ? 0 : Math.max(next(), dir.persons[u.head].createdAt + 60_000),
  );
  return {
    dir,
    history,
    placed,
    orderNumber,
    createdAt: { provider, administration, unit, assignment, head },
  };
}

export const orderId = (o: number) => regionId(ID_KIND.order, o);
export const lineId = (line: number) => regionId(ID_KIND.item, line);
export const holdingId = (h: number) => regionId(ID_KIND.holding, h);
export const iso = (ms: number) => new Date(ms).toISOString();
export const personName = (r: Region, p: number) =>
  `${r.dir.persons[p].firstName} ${r.dir.persons[p].lastName}`;
export const personNameWithUserId = (r: Region, p: number) =>
  `${personName(r, p)} (${r.dir.persons[p].userId})`;
export const assignmentName = (r: Region, a: number) => CATALOGUE[r.dir.assignments[a].catalogue].name;

/** The order's lines in the order its snapshot lists them (created together: by id). */
export function linesOf(r: Region, o: number): number[] {
  const first = r.history.orders.lineStart.data[o];
  const count = r.history.orders.lineCount.data[o];
  const lines = Array.from({ length: count }, (_, k) => first + k);
  return count > 1 ? lines.sort((a, b) => (lineId(a) < lineId(b) ? -1 : 1)) : lines;
}

/** Assignment names in catalogue order (VoB SJF, Spärr & Logg, Kvalitetssäkring, Statistik VE). */
export function catalogueNames(r: Region, lines: number[]): string[] {
  return lines
    .map((l) => r.history.lines.assignment.data[l])
    .sort((a, b) => r.dir.assignments[a].catalogue - r.dir.assignments[b].catalogue)
    .map((a) => assignmentName(r, a));
}

const kindOrder = (r: Region, a: number) =>
  CATALOGUE[r.dir.assignments[a].catalogue].kind === 'GENERAL' ? 0 : 1;
const collator = new Intl.Collator('sv');

/**
 * Återkopplingsinfo as carrying out writes it (orders/carry-out.facts.ts feedbackText): one sentence
 * per line carried out, general assignments first, then by name.
 */
export function feedbackOf(r: Region, o: number): string {
  const { orders, lines } = r.history;
  const type = orders.type.data[o];
  const start = dateOf(orders.startDay.data[o]);
  const end = orders.endDay.data[o];
  const endUser = personName(r, orders.endUser.data[o]);
  const unitName = r.dir.units[orders.unit.data[o]].name;
  const first = orders.lineStart.data[o];
  const done: number[] = [];
  for (let k = 0; k < orders.lineCount.data[o]; k++)
    if (lines.status.data[first + k] === L.DONE) done.push(first + k);
  done.sort((a, b) => {
    const x = lines.assignment.data[a];
    const y = lines.assignment.data[b];
    return kindOrder(r, x) - kindOrder(r, y) || collator.compare(assignmentName(r, x), assignmentName(r, y));
  });
  return done
    .map((line) => {
      const name = assignmentName(r, lines.assignment.data[line]);
      if (type === 0) {
        const until = end >= 0 ? ` till och med ${dateOf(end)}` : '';
        return `Uppdraget ${name} vid ${unitName} är upplagt för ${endUser} från ${start}${until}.`;
      }
      return lines.holding.data[line] >= 0
        ? `Uppdraget ${name} vid ${unitName} är avslutat för ${endUser} från och med ${start}.`
        : `${endUser} hade inte längre uppdraget ${name} vid ${unitName} den ${start}; inget behövde avslutas.`;
    })
    .join('\n');
}

/** The decision's time as vmu_order.decided_at keeps it: approvals and rejections only. */
export function decidedAtColumn(r: Region, o: number): number {
  const outcome = r.history.orders.outcome.data[o];
  return outcome === Outcome.APPROVE || outcome === Outcome.REJECT ? r.history.orders.decidedAt.data[o] : 0;
}

export function updatedAt(r: Region, o: number): number {
  const { orders } = r.history;
  return Math.max(
    orders.createdAt.data[o],
    orders.changedAt.data[o],
    orders.decidedAt.data[o],
    orders.completedAt.data[o],
  );
}

/** Whether the approval mailed the orderer ORDER_APPROVED: its start date was still to come. */
export function approvalMailed(r: Region, o: number): boolean {
  const { orders } = r.history;
  return (
    orders.outcome.data[o] === Outcome.APPROVE &&
    orders.startDay.data[o] > stockholmDay(orders.decidedAt.data[o])
  );
}
