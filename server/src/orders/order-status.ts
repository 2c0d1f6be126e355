import type { ItemStatus, OrderStatus } from './order.types.js';

/**
 * What the statuses of an order and its lines mean (domain.md, Statuses), in TypeScript and in
 * SQL from the same constants, so that a check in a service and a condition in a query cannot
 * drift apart. The transitions themselves are the state machine's (order-state.ts).
 */

/**
 * The one status in which people act on an order: its orderer may change the attestant or cancel
 * it (Makulera), its attestant may approve or reject it. Every later status is the system's.
 */
export const AWAITING_ATTEST = 'AWAITING_ATTEST' satisfies OrderStatus;

/** The statuses during which the orderer's own changes (attestant, cancel) are allowed. */
export const ORDERER_MAY_CHANGE: readonly OrderStatus[] = [AWAITING_ATTEST];

/** Approved, waiting for its start date to be carried out. */
export const APPROVED = 'APPROVED' satisfies OrderStatus;

/** The statuses the attestant's decision moves an order to; the move records when it was decided. */
export const DECISIONS: readonly OrderStatus[] = [APPROVED, 'REJECTED'];

/** Carried out: the directory's holdings changed and the orderer has the feedback. */
export const COMPLETED = 'COMPLETED' satisfies OrderStatus;

/** An open line: ordered and not yet carried out, removed or rejected (one per person and assignment). */
export const OPEN_LINE = 'PENDING' satisfies ItemStatus;

/** A line carried out. */
export const DONE_LINE = 'DONE' satisfies ItemStatus;

/** The lines an order still stands for: open or carried out, not removed by the attestant nor rejected. */
export const KEPT_LINES: readonly ItemStatus[] = [OPEN_LINE, DONE_LINE];

const column = (alias: string | undefined) => (alias ? `${alias}.status` : 'status');
const quoted = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(', ');

/** The order awaits attest: its people may still act on it. */
export const awaitingAttest = (status: OrderStatus): boolean => status === AWAITING_ATTEST;

/** SQL: the order row aliased `alias` awaits attest. */
export const awaitingAttestSql = (alias: string): string => `${column(alias)} = '${AWAITING_ATTEST}'`;

/** The status is one a decision moves to (DECISIONS). */
export const isDecision = (status: OrderStatus): boolean => DECISIONS.includes(status);

/** The line is open. */
export const isOpenLine = (status: ItemStatus): boolean => status === OPEN_LINE;

/** SQL: the line row aliased `alias` is open (no alias: the bare column, as an index predicate says it). */
export const openLineSql = (alias?: string): string => `${column(alias)} = '${OPEN_LINE}'`;

/** SQL: the line row aliased `alias` is carried out. */
export const doneLineSql = (alias: string): string => `${column(alias)} = '${DONE_LINE}'`;

/** SQL: the line row aliased `alias` is one the order still stands for (KEPT_LINES). */
export const keptLineSql = (alias: string): string => `${column(alias)} IN (${quoted(KEPT_LINES)})`;

/** SQL: the order row aliased `alias` has been carried out. */
export const completedSql = (alias: string): string => `${column(alias)} = '${COMPLETED}'`;
