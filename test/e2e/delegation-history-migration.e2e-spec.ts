import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DelegationHistoryInAuditLog1764900000000 as Migration } from '../../migrations/1764900000000-DelegationHistoryInAuditLog.js';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ERIHO2 = seedId('delegation:eriho2:solglantan');
const KARLU1 = seedId('person:karlu1');

interface HistoryEvent {
  at: string;
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
}

/**
 * The migration that ends delegation_event: run back (the table again, filled from the audit log)
 * and forth on the demo database, with a change the audit log never heard of in between, as the
 * demo seed used to leave behind.
 */
describe('migration: the delegation history moves into the audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(Clock).set(new Date('2026-06-01T08:00:00.000Z'));
  });
  afterAll(async () => {
    t.app.get(Clock).set(undefined);
    await t.close();
  });

  const auditActions = async () =>
    (
      await t.dataSource.query<{ action: string; at: Date }[]>(
        `SELECT action, at FROM audit_event WHERE entity_type = 'delegation' AND entity_id = $1 ORDER BY id`,
        [ERIHO2],
      )
    ).map((e) => [e.action, e.at.toISOString()]);

  it('appends only the events the log lacks, at their own time, drops the table, and the chain verifies', async () => {
    // A change recorded the ordinary way, in both histories, before the migration runs.
    const karlu1 = await signIn(t, 'karlu1');
    await karlu1.patch(`/api/delegations/${ERIHO2}`).send({ validTo: '2030-12-31' }).expect(200);
    // An older change only delegation_event knew of.
    const limit = {
      before: { rights: ['ORDER', 'ATTEST'], assignmentIds: [], validFrom: '2026-01-01', validTo: null },
      after: { rights: ['ATTEST'], assignmentIds: [], validFrom: '2026-01-01', validTo: null },
    };
    const q = t.dataSource.createQueryRunner();
    await q.startTransaction();
    try {
      await new Migration().down(q);
      const back = await q.query(
        `SELECT action, actor_id AS "actorId", before, after, at FROM delegation_event WHERE delegation_id = $1`,
        [ERIHO2],
      );
      expect(back).toEqual([
        {
          action: 'CREATED',
          actorId: KARLU1,
          before: null,
          after: { rights: ['ORDER', 'ATTEST'], assignmentIds: [], validFrom: '2026-01-01', validTo: null },
          at: new Date('2025-12-15T09:00:00.000Z'),
        },
        expect.objectContaining({ action: 'LIMITED', at: new Date('2026-06-01T08:00:00.000Z') }),
      ]);
      await q.query(
        `INSERT INTO delegation_event (delegation_id, actor_id, action, before, after, at)
         VALUES ($1, $2, 'LIMITED', $3, $4, '2026-02-01T10:00:00.123Z')`,
        [ERIHO2, KARLU1, JSON.stringify(limit.before), JSON.stringify(limit.after)],
      );
      await new Migration().up(q);
      await q.commitTransaction();
    } catch (error) {
      await q.rollbackTransaction();
      throw error;
    } finally {
      await q.release();
    }

    const [{ table }] = await t.dataSource.query<{ table: string | null }[]>(
      `SELECT to_regclass('delegation_event')::text AS table`,
    );
    expect(table).toBeNull();
    // In the chain after the later change, as it was recorded after it.
    expect(await auditActions()).toEqual([
      ['DELEGATION_CREATED', '2025-12-15T09:00:00.000Z'],
      ['DELEGATION_LIMITED', '2026-06-01T08:00:00.000Z'],
      ['DELEGATION_LIMITED', '2026-02-01T10:00:00.123Z'],
    ]);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });

    // The history shows each change where it happened.
    const detail = await karlu1.get(`/api/delegations/${ERIHO2}`).expect(200);
    expect(detail.body.events as HistoryEvent[]).toEqual([
      {
        id: expect.any(String),
        at: '2025-12-15T09:00:00.000Z',
        actorName: 'Karin Lund',
        action: 'CREATED',
        before: null,
        after: { rights: ['ORDER', 'ATTEST'], assignmentIds: [], validFrom: '2026-01-01', validTo: null },
      },
      {
        id: expect.any(String),
        at: '2026-02-01T10:00:00.123Z',
        actorName: 'Karin Lund',
        action: 'LIMITED',
        ...limit,
      },
      expect.objectContaining({ at: '2026-06-01T08:00:00.000Z', action: 'LIMITED' }),
    ]);
  });
});
