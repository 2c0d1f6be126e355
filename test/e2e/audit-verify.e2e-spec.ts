import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventHash } from '../../server/src/audit/audit-chain.js';
import { type AuditEventInput, AuditService } from '../../server/src/audit/audit.service.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { tamperAuditLog } from '../support/db-utils.js';
import { createTestApp } from '../support/test-app.js';

/**
 * Verification at region scale (docs/architecture.md, "audit"): GET /api/audit-events/verify
 * recomputes only what came after the newest checkpoint; a full run from genesis goes in the
 * background, one at a time, and finds what the checkpoints vouch for.
 */

interface Run {
  id: string;
  status: 'RUNNING' | 'INTACT' | 'BROKEN' | 'FAILED';
  checked: number;
  total: number | null;
  count: number | null;
  toId: string | null;
  firstBrokenId: string | null;
  reason: string | null;
  detail: string | null;
  finishedAt: string | null;
}

async function world() {
  const t = await createTestApp();
  const audit = t.app.get(AuditService);
  const admin = await signIn(t, 'admin1');
  const actorId = randomUUID();
  const append = (input: Partial<AuditEventInput> = {}) =>
    t.dataSource.transaction((m) =>
      audit.append(m, {
        actorId,
        action: 'ORDER_PLACED',
        entityType: 'order',
        entityId: randomUUID(),
        after: { status: 'AWAITING_ATTEST', items: [{ id: 'a', n: 1 }] },
        ...input,
      }),
    );
  const tamper = (sql: string, params: unknown[] = []) => tamperAuditLog(t.dataSource, sql, params);
  const verify = async () => (await admin.get('/api/audit-events/verify').expect(200)).body;
  const startRun = async (): Promise<Run> =>
    (await admin.post('/api/audit-events/verify-runs').expect(202)).body as Run;
  /** Polls the run until it is no longer running. */
  const finished = async (id: string): Promise<Run> => {
    for (let i = 0; i < 400; i++) {
      const run = (await admin.get(`/api/audit-events/verify-runs/${id}`).expect(200)).body as Run;
      if (run.status !== 'RUNNING') return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run ${id} still running`);
  };
  const fullRun = async () => finished((await startRun()).id);
  const events = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
  return { t, audit, admin, append, tamper, verify, startRun, finished, fullRun, events };
}

describe('audit verification: incremental and full runs', () => {
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.t.close();
  });

  it('checks from genesis the first time, then only the events after the checkpoint it records', async () => {
    const all = await w.events();
    const first = await w.verify();
    expect(first).toMatchObject({
      ok: true,
      count: all,
      covered: { incremental: false, checkpoint: null, checked: all, complete: true, brokenByRunId: null },
    });
    expect(first.covered.toId).toBe(first.covered.headId);

    const made = [await w.append(), await w.append(), await w.append()];
    const second = await w.verify();
    expect(second).toMatchObject({
      ok: true,
      count: all + 3,
      covered: {
        incremental: true,
        checkpoint: { eventId: first.covered.toId, count: all },
        fromId: made[0].id,
        toId: made[2].id,
        checked: 3,
        headId: made[2].id,
        complete: true,
      },
    });

    // Nothing new: nothing recomputed but the checkpoint's own event, and no new checkpoint.
    const checkpoints = async () =>
      (await w.t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_checkpoint`))[0].n;
    const before = await checkpoints();
    expect(await w.verify()).toMatchObject({
      ok: true,
      count: all + 3,
      covered: {
        incremental: true,
        checkpoint: { eventId: made[2].id },
        fromId: null,
        toId: null,
        checked: 0,
      },
    });
    expect(await checkpoints()).toBe(before);
    // The in-process whole check agrees.
    expect(await w.audit.verify()).toEqual({ ok: true, count: all + 3 });
  });

  it('keeps checkpoints append-only, as the log', async () => {
    await expect(w.t.dataSource.query(`UPDATE audit_checkpoint SET event_count = 1`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(w.t.dataSource.query(`DELETE FROM audit_checkpoint`)).rejects.toThrow(/append-only/);
  });

  it('names a changed event after the checkpoint, and the checkpoint event itself when it is changed', async () => {
    await w.verify();
    const target = await w.append({ after: { status: 'APPROVED', n: 1 } });
    await w.append();
    await w.tamper(`UPDATE audit_event SET entity_id = 'forged' WHERE id = $1`, [target.id]);
    expect(await w.verify()).toMatchObject({
      ok: false,
      firstBrokenId: target.id,
      reason: 'HASH_MISMATCH',
      covered: { incremental: true },
    });
    await w.tamper(`UPDATE audit_event SET entity_id = $2 WHERE id = $1`, [target.id, target.entityId]);
    const whole = await w.verify();
    expect(whole).toMatchObject({ ok: true });

    // The checkpoint's own event is recomputed too, though no event came after it.
    const checkpointEvent = whole.covered.toId as string;
    await w.tamper(`UPDATE audit_event SET action = 'FORGED' WHERE id = $1`, [checkpointEvent]);
    expect(await w.verify()).toMatchObject({
      ok: false,
      firstBrokenId: checkpointEvent,
      reason: 'HASH_MISMATCH',
    });
    await w.tamper(`UPDATE audit_event SET action = 'ORDER_PLACED' WHERE id = $1`, [checkpointEvent]);
    expect(await w.verify()).toMatchObject({ ok: true });
  });

  it('leaves an event before the checkpoint to the full run, which names it; the break then stands until a full run finds the chain whole', async () => {
    await w.verify();
    const [target] = await w.t.dataSource.query<{ id: string; after: unknown }[]>(
      `SELECT id::text, after FROM audit_event ORDER BY id OFFSET 2 LIMIT 1`,
    );
    await w.tamper(`UPDATE audit_event SET after = '{"status":"FORGED"}' WHERE id = $1`, [target.id]);
    // The checkpoint vouches for it: the incremental check does not look back there.
    expect(await w.verify()).toMatchObject({ ok: true, covered: { incremental: true, checked: 0 } });

    const started = await w.startRun();
    expect(started).toMatchObject({ status: 'RUNNING', checked: 0, finishedAt: null });
    const run = await w.finished(started.id);
    expect(run).toMatchObject({
      status: 'BROKEN',
      firstBrokenId: target.id,
      reason: 'HASH_MISMATCH',
      count: 2,
      checked: 2,
    });
    expect(run.detail).toMatch(/innehåll stämmer inte/);
    expect(run.finishedAt).not.toBeNull();
    expect((await w.admin.get('/api/audit-events/verify-runs/latest').expect(200)).body).toEqual(run);

    // Now known broken: the incremental check says so, naming the run.
    const repeated = await w.verify();
    expect(repeated).toMatchObject({
      ok: false,
      firstBrokenId: target.id,
      reason: 'HASH_MISMATCH',
      covered: { brokenByRunId: run.id },
    });
    expect(repeated.detail).toMatch(/fullständiga verifieringen nr/);

    // Put back, it is whole again only when a full run says so; that run records a checkpoint.
    await w.tamper(`UPDATE audit_event SET after = $2::jsonb WHERE id = $1`, [
      target.id,
      JSON.stringify(target.after),
    ]);
    expect(await w.verify()).toMatchObject({ ok: false, covered: { brokenByRunId: run.id } });
    await w.append();
    const all = await w.events();
    const again = await w.fullRun();
    expect(again).toMatchObject({
      status: 'INTACT',
      count: all,
      checked: all,
      total: all,
      firstBrokenId: null,
    });
    const [checkpoint] = await w.t.dataSource.query<{ eventId: string; count: number; runId: string }[]>(
      `SELECT event_id::text AS "eventId", event_count::int AS count, run_id::text AS "runId"
         FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
    );
    expect(checkpoint).toEqual({ eventId: again.toId, count: all, runId: again.id });
    expect(await w.verify()).toMatchObject({
      ok: true,
      count: all,
      covered: { checkpoint: { eventId: again.toId, count: all }, checked: 0 },
    });
  });

  it('finds a removed event before the checkpoint with the full run, naming the one after it', async () => {
    const rows = await w.t.dataSource.query<{ id: string }[]>(
      `SELECT id::text FROM audit_event ORDER BY audit_event.id OFFSET 3 LIMIT 2`,
    );
    const [removed, next] = [rows[0].id, rows[1].id];
    const [saved] = await w.t.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM audit_event WHERE id = $1`,
      [removed],
    );
    await w.tamper(`DELETE FROM audit_event WHERE id = $1`, [removed]);
    expect(await w.fullRun()).toMatchObject({
      status: 'BROKEN',
      firstBrokenId: next,
      reason: 'PREV_HASH_MISMATCH',
      count: 3,
    });
    await w.t.dataSource.query(
      `INSERT INTO audit_event SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)`,
      [JSON.stringify(saved)],
    );
    expect(await w.fullRun()).toMatchObject({ status: 'INTACT' });
    expect(await w.verify()).toMatchObject({ ok: true });
  });
});

describe('audit verification: the end of the chain', () => {
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.t.close();
  });

  it('notices events cut off the end, in the request and in the full run', async () => {
    await w.append();
    await w.verify();
    const last = await w.append();
    expect((await w.verify()).covered.toId).toBe(last.id);
    // The checkpoint's own event goes: the end is cut there.
    await w.tamper(`DELETE FROM audit_event WHERE id = $1`, [last.id]);
    expect(await w.verify()).toMatchObject({ ok: false, firstBrokenId: last.id, reason: 'HEAD_MISMATCH' });
    expect(await w.fullRun()).toMatchObject({
      status: 'BROKEN',
      firstBrokenId: last.id,
      reason: 'HEAD_MISMATCH',
    });
  });
});

describe('audit verification: events added behind the head', () => {
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.t.close();
  });

  it('names an event appended without moving the head, though it links and hashes right', async () => {
    await w.verify();
    const last = await w.append();
    const [{ id }] = await w.t.dataSource.query<{ id: string }[]>(
      `SELECT nextval('audit_event_id_seq')::text AS id`,
    );
    const forged = {
      id,
      at: new Date(),
      actorId: null,
      action: 'FORGED',
      entityType: 'order',
      entityId: 'x',
      before: null,
      after: null,
      prevHash: last.hash,
    };
    // INSERT is what the log allows; only AuditService moves the head (under its lock).
    await w.t.dataSource.query(
      `INSERT INTO audit_event (id, at, actor_id, action, entity_type, entity_id, prev_hash, hash)
       VALUES ($1, $2, NULL, 'FORGED', 'order', 'x', $3, $4)`,
      [id, forged.at, forged.prevHash, eventHash(forged)],
    );
    expect(await w.verify()).toMatchObject({ ok: false, firstBrokenId: id, reason: 'HEAD_MISMATCH' });
  });
});

describe('audit verification: one full run at a time, for administrators', () => {
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.t.close();
  });

  it('refuses everyone but administrators', async () => {
    const head = await signIn(w.t, 'karlu1');
    const staff = await signIn(w.t, 'nilbo4');
    for (const client of [head, staff] as Client[]) {
      await client.post('/api/audit-events/verify-runs').expect(403);
      await client.get('/api/audit-events/verify-runs/latest').expect(403);
      await client.get('/api/audit-events/verify-runs/1').expect(403);
      await client.get('/api/audit-events/verify').expect(403);
    }
    const nobody = await anonymous(w.t);
    await nobody.post('/api/audit-events/verify-runs').expect(401);
    await request(w.t.http).get('/api/audit-events/verify-runs/latest').expect(401);
    expect(await w.t.dataSource.query(`SELECT 1 FROM audit_verify_run`)).toEqual([]);
  });

  it('answers 404 before any run and for an unknown one', async () => {
    const none = await w.admin.get('/api/audit-events/verify-runs/latest').expect(404);
    expect(none.body).toMatchObject({ type: 'urn:beh:problem:not-found' });
    expect(none.body.detail).toMatch(/Ingen fullständig verifiering/);
    await w.admin.get('/api/audit-events/verify-runs/999999').expect(404);
    await w.admin.get('/api/audit-events/verify-runs/abc').expect(404);
  });

  it('refuses a second run while another process runs one, and takes over from a process that died', async () => {
    // Another process's run, alive: its heartbeat is fresh.
    const [other] = await w.t.dataSource.query<{ id: string }[]>(
      `INSERT INTO audit_verify_run (status, checked) VALUES ('RUNNING', 1234) RETURNING id::text`,
    );
    const refused = await w.admin.post('/api/audit-events/verify-runs').expect(409);
    expect(refused.body).toMatchObject({
      type: 'urn:beh:problem:verify-run-running',
      title: 'Konflikt',
      runId: other.id,
    });
    expect(refused.body.detail).toMatch(/pågår redan \(nr \d+, 1234 händelser kontrollerade\)/);
    // The database itself holds one running run at most.
    await expect(
      w.t.dataSource.query(`INSERT INTO audit_verify_run (status) VALUES ('RUNNING')`),
    ).rejects.toThrow(/audit_verify_run_one_running/);
    expect((await w.admin.get('/api/audit-events/verify-runs/latest').expect(200)).body).toMatchObject({
      id: other.id,
      status: 'RUNNING',
    });

    // Its process dies: no heartbeat for a minute. The next reader declares it failed.
    await w.t.dataSource.query(
      `UPDATE audit_verify_run SET heartbeat_at = now() - interval '1 minute' WHERE id = $1`,
      [other.id],
    );
    const dead = (await w.admin.get(`/api/audit-events/verify-runs/${other.id}`).expect(200)).body as Run;
    expect(dead).toMatchObject({ status: 'FAILED', finishedAt: expect.any(String) });
    expect(dead.detail).toMatch(/processen som körde den slutade svara/);

    const all = await w.events();
    const run = await w.fullRun();
    expect(run).toMatchObject({ status: 'INTACT', checked: all, total: all, count: all });
    expect(Number(run.id)).toBeGreaterThan(Number(other.id));
  });

  it('refuses a second start while its own run is running', async () => {
    // Enough events that the run is still going when the second start comes.
    for (let batch = 0; batch < 10; batch++) {
      await w.t.dataSource.transaction((m) =>
        w.audit.appendMany(
          m,
          Array.from({ length: 1000 }, (_, i) => ({
            actorId: null,
            action: 'ORDER_COMPLETED',
            entityType: 'order',
            entityId: `bulk-${batch}-${i}`,
            after: { status: 'COMPLETED', items: [{ id: String(i), status: 'DONE' }] },
          })),
        ),
      );
    }
    const [first, second] = await Promise.all([
      w.admin.post('/api/audit-events/verify-runs'),
      w.admin.post('/api/audit-events/verify-runs'),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    const started = (first.status === 202 ? first : second).body as Run;
    const refused = (first.status === 409 ? first : second).body as { runId: string };
    expect(refused.runId).toBe(started.id);
    expect(await w.finished(started.id)).toMatchObject({ status: 'INTACT' });
  });
});
