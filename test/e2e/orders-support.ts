/**
 * Shared by the orders-*.e2e-spec.ts files: a send's body (for a factory-made team, or with the
 * demo personas' seed ids), and counting what a send wrote.
 */
import { expect } from '@jest/globals';
import { seedId } from '../../server/src/seed/seed-ids.js';
import type { Team } from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';

export const person = (userId: string) => seedId(`person:${userId}`);
export const unit = (key: string) => seedId(`unit:${key}`);
export const assignment = (unitKey: string, name: string) => seedId(`assignment:${unitKey}:${name}`);

export const SOLGLANTAN = unit('solglantan');
export const AVD12 = unit('avd12');
export const NORRBY = unit('norrby');
export const PRIVAT = unit('privat');

export const VOB_SOL = assignment('solglantan', 'VoB SJF');
export const KVAL_SOL = assignment('solglantan', 'Kvalitetssäkring');
export const STAT_SOL = assignment('solglantan', 'Statistik VE');
export const SPARR_SOL = assignment('solglantan', 'Administration Spärr & Logg');
export const VOB_AVD12 = assignment('avd12', 'VoB SJF');
export const STAT_AVD12 = assignment('avd12', 'Statistik VE');
export const VOB_NORRBY = assignment('norrby', 'VoB SJF');

export interface SendBody {
  type: 'GRANT' | 'REVOKE';
  endUserId: string;
  items: { assignmentId: string }[];
  attestants?: Record<string, string>;
  attestantId?: string;
  startDate: string;
  endDate?: string | null;
  urgent?: boolean;
  comment?: string | null;
  /** The orderer confirmed the send's warnings (rule 2d, Engagement elsewhere is a warning). */
  confirmedWarnings?: boolean;
}

/** A send of Nyupplägg for `endUser` with `sarbe3` attesting on Solgläntan unless told otherwise. */
export function send(
  endUser: string,
  assignmentIds: string[],
  today: string,
  extra: Partial<SendBody> = {},
): SendBody {
  return {
    type: 'GRANT',
    endUserId: person(endUser),
    items: assignmentIds.map((assignmentId) => ({ assignmentId })),
    attestants: { [SOLGLANTAN]: person('sarbe3') },
    startDate: today,
    urgent: false,
    comment: '',
    ...extra,
  };
}

/**
 * A send of Nyupplägg in a factory-made team: for `endUser`, with the team's attestant attesting
 * on the team's unit unless told otherwise.
 */
export function sendIn(
  team: Team,
  endUser: { id: string },
  assignments: { id: string }[],
  today: string,
  extra: Partial<SendBody> = {},
): SendBody {
  return {
    type: 'GRANT',
    endUserId: endUser.id,
    items: assignments.map((a) => ({ assignmentId: a.id })),
    attestants: { [team.unit.id]: team.attestant.id },
    startDate: today,
    urgent: false,
    comment: '',
    ...extra,
  };
}

export const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Rows of everything a send writes, to show that a refused send wrote nothing. */
export async function footprint(t: TestApp) {
  const [row] = await t.dataSource.query<{ orders: number; items: number; mails: number; events: number }[]>(
    `SELECT (SELECT count(*)::int FROM vmu_order) AS orders,
            (SELECT count(*)::int FROM vmu_order_item) AS items,
            (SELECT count(*)::int FROM mail_outbox WHERE related_type = 'order') AS mails,
            (SELECT count(*)::int FROM audit_event WHERE entity_type = 'order') AS events`,
  );
  return row;
}

export interface ProblemViolation {
  line: number | null;
  rule: string;
  message: string;
  assignmentId?: string;
  assignmentName?: string;
  careUnitName?: string;
}

/** The violations of a refusal as [line, rule] pairs, by line (the send's own last), then rule. */
export const rulesOf = (body: { violations?: ProblemViolation[] } | undefined) =>
  (body?.violations ?? [])
    .map((v) => [v.line, v.rule] as const)
    .sort(([la, ra], [lb, rb]) => (la ?? Infinity) - (lb ?? Infinity) || ra.localeCompare(rb));

/** Sends `body`, expects `status` and that nothing at all was written; returns the problem. */
export async function refusedWithoutTrace(t: TestApp, client: Client, body: object, status: number) {
  const before = await footprint(t);
  const res = await client.post('/api/orders').send(body).expect(status);
  expect(await footprint(t)).toEqual(before);
  return res.body as Record<string, unknown> & { violations?: ProblemViolation[] };
}

/** Places an order and returns what the receipt shows. */
export async function place(client: Client, body: SendBody) {
  const res = await client.post('/api/orders').send(body);
  if (res.status !== 201) throw new Error(`Expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; orderNumber: string; careUnitId: string; careUnitName: string }[];
}

export const listUrl = (
  filter: Record<string, unknown>,
  range?: [number, number],
  sort?: [string, string],
) => {
  const params = new URLSearchParams({ filter: JSON.stringify(filter) });
  if (range) params.set('range', JSON.stringify(range));
  if (sort) params.set('sort', JSON.stringify(sort));
  return `/api/orders?${params.toString()}`;
};

/**
 * For specs about something other than rule 12: the demo flags Kvalitetssäkring as requiring local
 * access, so a send of it alone is refused; these specs use it as an ordinary third assignment.
 * Rule 12 itself is tested in access-orders-placing.e2e-spec.ts.
 */
export async function withoutLocalAccessFlags(t: { dataSource: { query(sql: string): Promise<unknown> } }) {
  await t.dataSource.query(`UPDATE assignment SET requires_local_access = false WHERE requires_local_access`);
}
