/** Shared by the mass-orders-*.e2e-spec.ts files: a send's body, what a send wrote, people to add. */
import { luhnCheckDigit } from '../../server/src/common/personnummer.js';
import type { Client } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';
import { person, VOB_SOL } from './orders-support.js';

export interface MassSendBody {
  assignmentId: string;
  add?: string[];
  remove?: string[];
  attestantId: string;
  startDate: string;
  urgent?: boolean;
  comment?: string | null;
  /** The orderer confirmed the persons' warnings (rule 2d). */
  confirmedWarnings?: boolean;
}

export interface SentBatch {
  batchId: string;
  orders: { id: string; orderNumber: string; endUserId: string; type: 'GRANT' | 'REVOKE' }[];
}

export interface PersonVerdict {
  personId: string;
  type: 'GRANT' | 'REVOKE';
  ok: boolean;
  violations: { rule: string; message: string }[];
}

/** A send on VoB SJF at Solgläntan, attested by sarbe3, unless told otherwise. */
export const massSend = (today: string, extra: Partial<MassSendBody> = {}): MassSendBody => ({
  assignmentId: VOB_SOL,
  attestantId: person('sarbe3'),
  startDate: today,
  urgent: false,
  comment: null,
  ...extra,
});

export async function sendMass(client: Client, body: MassSendBody): Promise<SentBatch> {
  const res = await client.post('/api/mass-orders').send(body);
  if (res.status !== 201) throw new Error(`Expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as SentBatch;
}

/** Rows of everything a send writes: orders, lines, batches, mails and audit events of any kind. */
export async function everything(t: TestApp) {
  const [row] = await t.dataSource.query<
    { orders: number; items: number; batches: number; mails: number; events: number; seq: string }[]
  >(
    `SELECT (SELECT count(*)::int FROM vmu_order) AS orders,
            (SELECT count(*)::int FROM vmu_order_item) AS items,
            (SELECT count(*)::int FROM mass_order_batch) AS batches,
            (SELECT count(*)::int FROM mail_outbox) AS mails,
            (SELECT count(*)::int FROM audit_event) AS events,
            (SELECT last_hash FROM audit_chain_head) AS seq`,
  );
  return row;
}

/**
 * Generated staff with an active engagement, holding nothing of the assignment (VoB SJF at
 * Solgläntan unless told) and with nothing pending: people a grant may be sent for. Those engaged
 * at the assignment's own unit come first, so that a few of them raise no warning (rule 2d,
 * Engagement elsewhere is a warning); asked for more than the unit has, the rest work elsewhere.
 */
export async function freeStaff(t: TestApp, count: number, assignmentId = VOB_SOL): Promise<string[]> {
  const rows = await t.dataSource.query<{ id: string }[]>(
    `SELECT p.id FROM person p
      WHERE p.user_id NOT IN ('admin1','karlu1','eriho2','sarbe3','nilbo4','linma5','majoh6','ahmal7','petny8')
        AND EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = p.id AND e.valid_to IS NULL)
        AND NOT EXISTS (SELECT 1 FROM held_assignment h WHERE h.person_id = p.id AND h.assignment_id = $1)
        AND NOT EXISTS (SELECT 1 FROM vmu_order_item i
                         WHERE i.end_user_id = p.id AND i.assignment_id = $1 AND i.status = 'PENDING')
      ORDER BY EXISTS (SELECT 1 FROM engagement e JOIN assignment a ON a.care_unit_id = e.care_unit_id
                        WHERE e.person_id = p.id AND a.id = $1 AND e.valid_from <= current_date
                          AND (e.valid_to IS NULL OR e.valid_to >= current_date)) DESC,
               p.user_id
      LIMIT $2`,
    [assignmentId, count],
  );
  if (rows.length < count) throw new Error(`Only ${rows.length} free staff for ${count}`);
  return rows.map((r) => r.id);
}

/** A personnummer with the right check digit, in the 12-digit form. */
export const validPersonnummer = (nineDigitsAfterCentury: string, century = '19') =>
  `${century}${nineDigitsAfterCentury}${luhnCheckDigit(nineDigitsAfterCentury)}`;

export const personnummerOf = async (t: TestApp, userId: string): Promise<string> =>
  (
    await t.dataSource.query<{ personnummer: string }[]>(
      'SELECT personnummer FROM person WHERE user_id = $1',
      [userId],
    )
  )[0].personnummer;
