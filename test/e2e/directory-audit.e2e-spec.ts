import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { seedId, syntheticPersonnummer } from '../../server/src/seed/seed-ids.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Snapshot = Record<string, unknown>;

interface AuditRow {
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  before: Snapshot | null;
  after: Snapshot | null;
}

const ADMIN = seedId('person:admin1');
const KARLU1 = seedId('person:karlu1');
const SARBE3 = seedId('person:sarbe3');
const NILBO4 = seedId('person:nilbo4');
const VGR = seedId('provider:vgr');
const NARHALSAN = seedId('administration:NH');
const SOLGLANTAN = seedId('unit:solglantan');
const NORRBY = seedId('unit:norrby');
const VOB_SOLGLANTAN = seedId('assignment:solglantan:VoB SJF');
const LINDAS_HOLDING = seedId('held:linma5:solglantan:VoB SJF');
const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Every write to directory data leaves exactly one audit event, with the row before and after,
 * by the signed-in administrator, in the write's own transaction: a refused write leaves none.
 * Holdings are not written by hand at all (they change when an attested order is carried out).
 */
describe('directory: every write audited, holdings read only', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
  });
  afterAll(async () => {
    await t.close();
  });

  const lastEventId = async () =>
    (
      await t.dataSource.query<{ id: string }[]>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`)
    )[0].id;
  const eventsAfter = (id: string) =>
    t.dataSource.query<AuditRow[]>(
      `SELECT action, actor_id AS "actorId", entity_type AS "entityType", entity_id AS "entityId", before, after
         FROM audit_event WHERE id > $1::bigint ORDER BY id`,
      [id],
    );

  /** Makes the call, expects `status` and exactly one new event in the whole log; answers both. */
  async function audited(call: () => Promise<Response>, status: number) {
    const since = await lastEventId();
    const res = await call();
    expect(res.status).toBe(status);
    const events = await eventsAfter(since);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.actorId).toBe(ADMIN);
    return { body: res.body as Snapshot & { id: string }, event };
  }

  /** Makes the call, expects `status` and no new event; answers the body. */
  async function unaudited(call: () => Promise<Response>, status: number) {
    const since = await lastEventId();
    const res = await call();
    expect(res.status).toBe(status);
    expect(await eventsAfter(since)).toEqual([]);
    return res.body as Snapshot;
  }

  it('care providers: one event per create, update and delete; refusals and no-op updates none', async () => {
    const values = { hsaId: 'SE5560000099-E000000000001', name: 'Granskningsbolaget AB', kind: 'PRIVATE' };
    const created = await audited(() => admin.post('/api/care-providers').send(values), 201);
    const id = created.body.id;
    expect(created.event).toEqual({
      action: 'CARE_PROVIDER_CREATED',
      actorId: ADMIN,
      entityType: 'care_provider',
      entityId: id,
      before: null,
      after: values,
    });
    await unaudited(() => admin.post('/api/care-providers').send(values), 409);

    const renamed = await audited(
      () => admin.put(`/api/care-providers/${id}`).send({ name: 'Granskningsbolaget Väst AB' }),
      200,
    );
    expect(renamed.event).toMatchObject({
      action: 'CARE_PROVIDER_UPDATED',
      entityId: id,
      before: values,
      after: { ...values, name: 'Granskningsbolaget Väst AB' },
    });
    // Saving what is already there changes nothing, so there is nothing to record.
    await unaudited(() => admin.put(`/api/care-providers/${id}`).send({ kind: 'PRIVATE' }), 200);
    await unaudited(() => admin.put(`/api/care-providers/${id}`).send({ kind: 'PUBLIC' }), 400);

    const deleted = await audited(() => admin.delete(`/api/care-providers/${id}`), 200);
    expect(deleted.event).toMatchObject({
      action: 'CARE_PROVIDER_DELETED',
      entityId: id,
      before: { ...values, name: 'Granskningsbolaget Väst AB' },
      after: null,
    });
    await unaudited(() => admin.delete(`/api/care-providers/${id}`), 404);
    // The region still has its administrations.
    await unaudited(() => admin.delete(`/api/care-providers/${VGR}`), 409);
  });

  it('administrations: one event per write; a missing provider or a unit still in it, none', async () => {
    await unaudited(
      () =>
        admin.post('/api/administrations').send({ code: 'GR', name: 'Granskning', careProviderId: MISSING }),
      400,
    );
    const values = { code: 'GR', name: 'Granskningsförvaltningen', careProviderId: VGR };
    const created = await audited(() => admin.post('/api/administrations').send(values), 201);
    expect(created.event).toMatchObject({
      action: 'ADMINISTRATION_CREATED',
      entityType: 'administration',
      entityId: created.body.id,
      before: null,
      after: values,
    });
    const updated = await audited(
      () => admin.put(`/api/administrations/${created.body.id}`).send({ code: 'GR2' }),
      200,
    );
    expect(updated.event).toMatchObject({
      action: 'ADMINISTRATION_UPDATED',
      before: values,
      after: { ...values, code: 'GR2', headPersonId: null },
    });
    // The head (förvaltningschef, BEH's own): audited like any other column; an unknown person, not.
    await unaudited(
      () => admin.put(`/api/administrations/${created.body.id}`).send({ headPersonId: MISSING }),
      400,
    );
    const head = await audited(
      () => admin.put(`/api/administrations/${created.body.id}`).send({ headPersonId: KARLU1 }),
      200,
    );
    expect(head.event).toMatchObject({
      action: 'ADMINISTRATION_UPDATED',
      before: { ...values, code: 'GR2', headPersonId: null },
      after: { ...values, code: 'GR2', headPersonId: KARLU1 },
    });
    const deleted = await audited(() => admin.delete(`/api/administrations/${created.body.id}`), 200);
    expect(deleted.event).toMatchObject({
      action: 'ADMINISTRATION_DELETED',
      before: { ...values, code: 'GR2', headPersonId: KARLU1 },
      after: null,
    });
    await unaudited(() => admin.delete(`/api/administrations/${NARHALSAN}`), 409);
  });

  it('care units: a change of head is an event of its own kind, naming the heads before and after', async () => {
    const values = {
      hsaId: 'SE2321000131-E000000088888',
      name: 'Granskningsenheten',
      administrationId: NARHALSAN,
      headOfUnitId: KARLU1,
    };
    await unaudited(() => admin.post('/api/care-units').send({ ...values, headOfUnitId: MISSING }), 400);
    const created = await audited(() => admin.post('/api/care-units').send(values), 201);
    const id = created.body.id;
    expect(created.event).toEqual({
      action: 'CARE_UNIT_CREATED',
      actorId: ADMIN,
      entityType: 'care_unit',
      entityId: id,
      before: null,
      after: values,
    });

    const renamed = await audited(
      () => admin.put(`/api/care-units/${id}`).send({ name: 'Granskning 2' }),
      200,
    );
    expect(renamed.event).toMatchObject({
      action: 'CARE_UNIT_UPDATED',
      before: values,
      after: { ...values, name: 'Granskning 2' },
    });

    // The head may order and attest for the whole unit: who gave that right to whom is on record.
    const newHead = await audited(
      () => admin.put(`/api/care-units/${id}`).send({ headOfUnitId: SARBE3 }),
      200,
    );
    expect(newHead.event).toMatchObject({
      action: 'CARE_UNIT_HEAD_CHANGED',
      entityId: id,
      before: { headOfUnitId: KARLU1 },
      after: { ...values, name: 'Granskning 2', headOfUnitId: SARBE3 },
    });
    const noHead = await audited(() => admin.put(`/api/care-units/${id}`).send({ headOfUnitId: null }), 200);
    expect(noHead.event).toMatchObject({
      action: 'CARE_UNIT_HEAD_CHANGED',
      before: { headOfUnitId: SARBE3 },
      after: { headOfUnitId: null },
    });
    await unaudited(() => admin.put(`/api/care-units/${id}`).send({ headOfUnitId: MISSING }), 400);

    const deleted = await audited(() => admin.delete(`/api/care-units/${id}`), 200);
    expect(deleted.event).toMatchObject({
      action: 'CARE_UNIT_DELETED',
      before: { ...values, name: 'Granskning 2', headOfUnitId: null },
      after: null,
    });
    // Solgläntan has engagements and a catalogue.
    await unaudited(() => admin.delete(`/api/care-units/${SOLGLANTAN}`), 409);
  });

  it('the assignment catalogue: one event per write; a taken name or a held assignment, none', async () => {
    const values = {
      hsaId: 'SE2321000131-F000000088888',
      careUnitId: NORRBY,
      name: 'Granskningsuppdrag',
      purpose: 'STATISTICS',
      kind: 'SPECIAL',
      description: null,
      privateProviderOnly: false,
    };
    const created = await audited(() => admin.post('/api/assignments').send(values), 201);
    expect(created.event).toMatchObject({
      action: 'ASSIGNMENT_CREATED',
      entityType: 'assignment',
      entityId: created.body.id,
      before: null,
      after: values,
    });
    await unaudited(
      () => admin.post('/api/assignments').send({ ...values, hsaId: 'SE2321000131-F000000088889' }),
      409,
    );
    const updated = await audited(
      () => admin.put(`/api/assignments/${created.body.id}`).send({ description: 'För granskning' }),
      200,
    );
    expect(updated.event).toMatchObject({
      action: 'ASSIGNMENT_UPDATED',
      before: values,
      after: { ...values, description: 'För granskning' },
    });
    const deleted = await audited(() => admin.delete(`/api/assignments/${created.body.id}`), 200);
    expect(deleted.event).toMatchObject({ action: 'ASSIGNMENT_DELETED', after: null });
    // linma5 holds VoB SJF at Solgläntan.
    await unaudited(() => admin.delete(`/api/assignments/${VOB_SOLGLANTAN}`), 409);
  });

  it('the systems guide: one event per write; a duplicate, none', async () => {
    const values = { systemName: 'Granskaren', purpose: 'STATISTICS', assignmentName: 'Statistik VE' };
    const created = await audited(() => admin.post('/api/systems').send(values), 201);
    const stored = { ...values, useCase: '', note: null };
    expect(created.event).toMatchObject({
      action: 'SYSTEM_GUIDE_ENTRY_CREATED',
      entityType: 'system_guide_entry',
      entityId: created.body.id,
      before: null,
      after: stored,
    });
    await unaudited(() => admin.post('/api/systems').send(values), 409);
    const updated = await audited(
      () => admin.put(`/api/systems/${created.body.id}`).send({ note: 'Endast läsning' }),
      200,
    );
    expect(updated.event).toMatchObject({
      action: 'SYSTEM_GUIDE_ENTRY_UPDATED',
      before: stored,
      after: { ...stored, note: 'Endast läsning' },
    });
    const deleted = await audited(() => admin.delete(`/api/systems/${created.body.id}`), 200);
    expect(deleted.event).toMatchObject({
      action: 'SYSTEM_GUIDE_ENTRY_DELETED',
      before: { note: 'Endast läsning' },
    });
  });

  it('engagements: one event per write; dates out of order, none', async () => {
    const values = {
      personId: NILBO4,
      careUnitId: NORRBY,
      costCentre: 'N42200',
      title: null,
      validFrom: '2026-01-01',
      validTo: null,
    };
    await unaudited(() => admin.post('/api/engagements').send({ ...values, validTo: '2025-12-31' }), 400);
    const created = await audited(() => admin.post('/api/engagements').send(values), 201);
    const id = created.body.id;
    expect(created.event).toMatchObject({
      action: 'ENGAGEMENT_CREATED',
      entityType: 'engagement',
      entityId: id,
      before: null,
      after: values,
    });
    await unaudited(() => admin.put(`/api/engagements/${id}`).send({ validTo: '2025-06-30' }), 400);
    const ended = await audited(
      () => admin.put(`/api/engagements/${id}`).send({ validTo: '2026-06-30' }),
      200,
    );
    expect(ended.event).toMatchObject({
      action: 'ENGAGEMENT_UPDATED',
      before: values,
      after: { ...values, validTo: '2026-06-30' },
    });
    const deleted = await audited(() => admin.delete(`/api/engagements/${id}`), 200);
    expect(deleted.event).toMatchObject({
      action: 'ENGAGEMENT_DELETED',
      before: { ...values, validTo: '2026-06-30' },
      after: null,
    });
  });

  it('persons: one event per write, personnummer whole; what a delete takes with it is named', async () => {
    const personnummer = syntheticPersonnummer('19800101', 731);
    const values = {
      hsaId: 'SE2321000131-P000000088888',
      userId: 'grans1',
      personnummer,
      firstName: 'Greta',
      lastName: 'Granskare',
    };
    await unaudited(() => admin.post('/api/persons').send({ ...values, userId: 'karlu1' }), 409);
    await unaudited(
      () => admin.post('/api/persons').send({ ...values, personnummer: 'inte ett nummer' }),
      400,
    );
    const created = await audited(() => admin.post('/api/persons').send(values), 201);
    const id = created.body.id;
    const stored = {
      ...values,
      passportNumber: null,
      title: null,
      email: null,
      protectedIdentity: false,
      isAdministrator: false,
    };
    expect(created.event).toEqual({
      action: 'PERSON_CREATED',
      actorId: ADMIN,
      entityType: 'person',
      entityId: id,
      before: null,
      after: stored,
    });
    expect(created.event.after?.personnummer).toMatch(/^\d{12}$/);

    const titled = await audited(() => admin.put(`/api/persons/${id}`).send({ title: 'Revisor' }), 200);
    expect(titled.event).toMatchObject({
      action: 'PERSON_UPDATED',
      before: stored,
      after: { ...stored, title: 'Revisor' },
    });
    await unaudited(() => admin.put(`/api/persons/${id}`).send({ hsaId: 'SE2321000131-P000000000104' }), 409);

    // An engagement and a unit to head: each a write with its own event.
    const engagement = await audited(
      () =>
        admin
          .post('/api/engagements')
          .send({ personId: id, careUnitId: NORRBY, costCentre: 'N42200', validFrom: '2026-01-01' }),
      201,
    );
    const unit = await audited(
      () =>
        admin.post('/api/care-units').send({
          hsaId: 'SE2321000131-E000000088889',
          name: 'Gretas enhet',
          administrationId: NARHALSAN,
          headOfUnitId: id,
        }),
      201,
    );
    const headed = await audited(
      () =>
        admin
          .post('/api/administrations')
          .send({ code: 'GRETA', name: 'Gretas förvaltning', careProviderId: VGR, headPersonId: id }),
      201,
    );

    const deleted = await audited(() => admin.delete(`/api/persons/${id}`), 200);
    expect(
      (await admin.get(`/api/administrations/${headed.body.id}`).expect(200)).body.headPersonId,
    ).toBeNull();
    expect(deleted.event).toMatchObject({
      action: 'PERSON_DELETED',
      entityId: id,
      before: {
        ...stored,
        title: 'Revisor',
        removedWith: {
          engagements: [
            { id: engagement.body.id, careUnitId: NORRBY, validFrom: '2026-01-01', validTo: null },
          ],
          heldAssignments: [],
          headOfCareUnitIds: [unit.body.id],
          headOfAdministrationIds: [headed.body.id],
        },
      },
      after: null,
    });
    // eriho2 holds a delegation (and the database keeps its history): refused, nothing recorded.
    await unaudited(() => admin.delete(`/api/persons/${seedId('person:eriho2')}`), 409);
  });

  describe('holdings (held-assignments) are read only', () => {
    const holdingsNow = () =>
      t.dataSource.query<unknown[]>(
        `SELECT id, person_id, assignment_id, valid_from, valid_to, updated_at FROM held_assignment ORDER BY id`,
      );

    it.each([
      ['POST', '/api/held-assignments'],
      ['PUT', `/api/held-assignments/${LINDAS_HOLDING}`],
      ['PATCH', `/api/held-assignments/${LINDAS_HOLDING}`],
      ['DELETE', `/api/held-assignments/${LINDAS_HOLDING}`],
    ])('%s %s answers 405 with Allow: GET and writes nothing', async (method, path) => {
      const body = { personId: NILBO4, assignmentId: VOB_SOLGLANTAN, validFrom: '2026-01-01', validTo: null };
      const call = {
        POST: () => admin.post(path).send(body),
        PUT: () => admin.put(path).send(body),
        PATCH: () => admin.patch(path).send(body),
        DELETE: () => admin.delete(path),
      }[method];
      if (!call) throw new Error(`No call for ${method}`);
      const before = await holdingsNow();
      const since = await lastEventId();
      const res = await call();
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({
        type: 'urn:beh:problem:read-only',
        title: 'Metoden är inte tillåten',
        status: 405,
        detail: expect.stringContaining('attesterad beställning') as unknown,
      });
      expect(await holdingsNow()).toEqual(before);
      expect(await eventsAfter(since)).toEqual([]);
    });

    it('still lists and shows them', async () => {
      const res = await admin.get(`/api/held-assignments/${LINDAS_HOLDING}`).expect(200);
      expect(res.body).toMatchObject({
        assignmentId: VOB_SOLGLANTAN,
        careUnitName: 'Vårdcentralen Solgläntan',
      });
      await admin.get('/api/held-assignments').expect(200);
    });
  });

  it('leaves the audit chain whole', async () => {
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });
});
