import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { productionEnv } from '../support/production-env.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { place, send, VOB_SOL } from './orders-support.js';
import { approve } from './scheduler-support.js';

type Item = Record<string, unknown> & { id: string };

describe('directory: organisation, catalogue, engagements', () => {
  let t: TestApp;
  /** Directory writes are for administrators: the catalogue tests work as admin1. */
  let admin: Client;
  const api = () => admin;
  const list = (resource: string, filter: Record<string, unknown> = {}, extra: Record<string, string> = {}) =>
    api()
      .get(`/api/${resource}`)
      .query({ filter: JSON.stringify(filter), range: '[0,99]', ...extra });
  const items = async (resource: string, filter: Record<string, unknown> = {}, extra = {}) =>
    (await list(resource, filter, extra).expect(200)).body as Item[];
  const one = async (resource: string, filter: Record<string, unknown>) => {
    const found = await items(resource, filter);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const personId = async (userId: string) => (await one('persons', { q: userId })).id;

  let solglantan: Item;
  let narhalsan: Item;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
    solglantan = await one('care-units', { q: 'Vårdcentralen Solgläntan' });
    narhalsan = await one('administrations', { q: 'Närhälsan' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('care-providers', () => {
    it('lists, filters and sorts', async () => {
      const res = await list('care-providers').expect(200);
      expect(res.headers['content-range']).toBe('care-providers 0-1/2');
      expect(res.body.map((p: Item) => p.name)).toEqual(['Hälsoakuten Väst AB', 'Västra Götalandsregionen']);
      expect(Object.keys(res.body[0]).sort()).toEqual(['directoryActive', 'hsaId', 'id', 'kind', 'name']);
      expect((await items('care-providers', { kind: 'PRIVATE' })).map((p) => p.name)).toEqual([
        'Hälsoakuten Väst AB',
      ]);
      expect((await items('care-providers', { q: 'vastra' })).map((p) => p.kind)).toEqual(['REGIONAL']);
      expect((await items('care-providers', {}, { sort: '["kind","DESC"]' })).map((p) => p.kind)).toEqual([
        'REGIONAL',
        'PRIVATE',
      ]);
      await list('care-providers', { kind: 'PUBLIC' }).expect(400);
    });

    it('creates, refuses duplicates and bad kinds, updates and deletes', async () => {
      const created = await api()
        .post('/api/care-providers')
        .send({ hsaId: 'SE5560000001-E000000000001', name: 'Vårdbolaget AB', kind: 'PRIVATE' })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'Vårdbolaget AB', kind: 'PRIVATE' });
      const dup = await api()
        .post('/api/care-providers')
        .send({ hsaId: 'se5560000001-e000000000001', name: 'Kopia', kind: 'PRIVATE' })
        .expect(409);
      expect(dup.body.errors).toEqual({ hsaId: ['Det finns redan en vårdgivare med detta HSA-id.'] });
      const bad = await api()
        .post('/api/care-providers')
        .send({ hsaId: 'SE5560000002-E000000000001', name: 'X', kind: 'PUBLIC' })
        .expect(400);
      expect(bad.body.errors).toEqual({ kind: ['måste vara något av REGIONAL, PRIVATE'] });
      const renamed = await api()
        .put(`/api/care-providers/${created.body.id}`)
        .send({ name: 'Vårdbolaget Väst AB' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        name: 'Vårdbolaget Väst AB',
        hsaId: 'SE5560000001-E000000000001',
      });
      await api().delete(`/api/care-providers/${created.body.id}`).expect(200);
      await api().get(`/api/care-providers/${created.body.id}`).expect(404);
    });

    it('refuses to delete a provider that still has administrations', async () => {
      const vgr = await one('care-providers', { kind: 'REGIONAL' });
      const res = await api().delete(`/api/care-providers/${vgr.id}`).expect(409);
      expect(res.body).toMatchObject({ type: 'urn:beh:problem:in-use' });
      expect(res.body.detail).toMatch(/förvaltningar/);
      await api().get(`/api/care-providers/${vgr.id}`).expect(200);
    });
  });

  describe('administrations', () => {
    it('lists with the provider name, filters on q and provider', async () => {
      const res = await list('administrations').expect(200);
      expect(res.headers['content-range']).toBe('administrations 0-4/5');
      expect(narhalsan).toMatchObject({
        code: 'NH',
        careProviderName: 'Västra Götalandsregionen',
        headPersonName: 'Karin Lund',
      });
      expect((await items('administrations', { q: 'sahl' })).map((a) => a.code)).toEqual(['SU']);
      expect((await items('administrations', { q: 'univ' })).map((a) => a.code)).toEqual(['SU']);
      const privat = await one('care-providers', { kind: 'PRIVATE' });
      expect((await items('administrations', { careProviderId: privat.id })).map((a) => a.code)).toEqual([
        'HAV',
      ]);
      const byCode = await items('administrations', {}, { sort: '["code","ASC"]' });
      expect(byCode.map((a) => a.code)).toEqual(['HAV', 'KSD', 'NH', 'SKAS', 'SU']);
    });

    it('checks the provider, the unique code and references on delete', async () => {
      const missing = await api()
        .post('/api/administrations')
        .send({ code: 'NY', name: 'Ny förvaltning', careProviderId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(missing.body.errors).toEqual({ careProviderId: ['Vårdgivaren finns inte.'] });
      const dup = await api()
        .post('/api/administrations')
        .send({ code: 'NH', name: 'Kopia', careProviderId: narhalsan.careProviderId })
        .expect(409);
      expect(dup.body.errors).toEqual({ code: ['Det finns redan en förvaltning med denna kod.'] });
      const inUse = await api().delete(`/api/administrations/${narhalsan.id}`).expect(409);
      expect(inUse.body.detail).toMatch(/vårdenheter/);
      const created = await api()
        .post('/api/administrations')
        .send({ code: 'NY', name: 'Ny förvaltning', careProviderId: narhalsan.careProviderId })
        .expect(201);
      expect(created.body).toMatchObject({ code: 'NY', careProviderName: 'Västra Götalandsregionen' });
      await api().put(`/api/administrations/${created.body.id}`).send({ careProviderId: 'x' }).expect(400);
      const deleted = await api().delete(`/api/administrations/${created.body.id}`).expect(200);
      expect(deleted.body.code).toBe('NY');
    });

    it('reads and writes the head (förvaltningschef), refusing an unknown person with nothing written', async () => {
      expect(narhalsan).toHaveProperty('headPersonId');
      const karin = await personId('karlu1');
      const missing = '00000000-0000-4000-8000-000000000000';
      const created = await api()
        .post('/api/administrations')
        .send({ code: 'FC', name: 'Med chef', careProviderId: narhalsan.careProviderId, headPersonId: karin })
        .expect(201);
      expect(created.body).toMatchObject({ headPersonId: karin, headPersonName: 'Karin Lund' });
      const id = created.body.id as string;
      // An unknown person: 400 in Swedish, and neither the head nor the name beside it changes.
      const refused = await api()
        .put(`/api/administrations/${id}`)
        .send({ name: 'Nytt namn', headPersonId: missing })
        .expect(400);
      expect(refused.body.errors).toEqual({ headPersonId: ['Personen finns inte.'] });
      expect((await api().get(`/api/administrations/${id}`).expect(200)).body).toMatchObject({
        name: 'Med chef',
        headPersonId: karin,
      });
      await api()
        .post('/api/administrations')
        .send({ code: 'FX', name: 'X', careProviderId: narhalsan.careProviderId, headPersonId: missing })
        .expect(400);
      expect(await items('administrations', { q: 'FX' })).toEqual([]);
      await api().put(`/api/administrations/${id}`).send({ headPersonId: 'x' }).expect(400);
      // Changed, found by it, and cleared with null; a PUT without it leaves it.
      const erik = await personId('eriho2');
      const changed = await api().put(`/api/administrations/${id}`).send({ headPersonId: erik }).expect(200);
      expect(changed.body).toMatchObject({ headPersonId: erik, headPersonName: 'Erik Holm' });
      expect((await items('administrations', { headPersonId: erik })).map((a) => a.code)).toEqual(['FC']);
      await api().put(`/api/administrations/${id}`).send({ name: 'Med chef 2' }).expect(200);
      expect((await api().get(`/api/administrations/${id}`)).body.headPersonId).toBe(erik);
      const cleared = await api().put(`/api/administrations/${id}`).send({ headPersonId: null }).expect(200);
      expect(cleared.body).toMatchObject({ headPersonId: null, headPersonName: null });
      // The CSV export names the column.
      await api().put(`/api/administrations/${id}`).send({ headPersonId: karin }).expect(200);
      const csv = await api()
        .get('/api/administrations/export')
        .query({ filter: JSON.stringify({ q: 'FC' }) });
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('Förvaltningschef');
      expect(csv.text).toContain('Karin Lund');
      await api().delete(`/api/administrations/${id}`).expect(200);
    });
  });

  describe('care-units', () => {
    it('lists units with administration, provider, head and active staff', async () => {
      const res = await list('care-units').expect(200);
      expect(res.headers['content-range']).toBe('care-units 0-9/10');
      const names = res.body.map((u: Item) => u.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'sv')));
      expect(solglantan).toMatchObject({
        hsaId: 'SE2321000131-E000000000101',
        administrationId: narhalsan.id,
        administrationName: 'Närhälsan',
        careProviderName: 'Västra Götalandsregionen',
        careProviderKind: 'REGIONAL',
        headOfUnitName: 'Karin Lund',
      });
      expect(solglantan.activeStaff).toBeGreaterThanOrEqual(6);
      expect(Object.keys(solglantan).sort()).toEqual(
        [
          'id',
          'hsaId',
          'name',
          'administrationId',
          'administrationName',
          'careProviderId',
          'careProviderName',
          'careProviderKind',
          'headOfUnitId',
          'headOfUnitName',
          'activeStaff',
          'directoryActive',
        ].sort(),
      );
    });

    it('filters on q (any word, accents ignored), administration, provider kind and head', async () => {
      expect((await items('care-units', { q: 'solglantan' })).map((u) => u.name)).toEqual([
        'Vårdcentralen Solgläntan',
      ]);
      expect((await items('care-units', { q: 'VARDC' })).length).toBe(3);
      expect((await items('care-units', { administrationId: narhalsan.id })).length).toBe(3);
      expect((await items('care-units', { careProviderKind: 'PRIVATE' })).map((u) => u.name)).toEqual([
        'Hälsoakuten Väst Vårdenhet',
      ]);
      const karin = await personId('karlu1');
      expect((await items('care-units', { headOfUnitId: karin })).map((u) => u.name)).toEqual([
        'Avdelning 12 Medicin',
        'Vårdcentralen Solgläntan',
      ]);
      const byAdmin = await items('care-units', {}, { sort: '["administrationName","DESC"]' });
      expect(byAdmin[0].administrationName).toBe('Skaraborgs Sjukhus');
    });

    it('creates with reference checks, updates, refuses duplicates and deletes', async () => {
      const missing = await api()
        .post('/api/care-units')
        .send({
          hsaId: 'SE2321000131-E000000000999',
          name: 'Ny enhet',
          administrationId: '00000000-0000-4000-8000-000000000000',
          headOfUnitId: '00000000-0000-4000-8000-000000000001',
        })
        .expect(400);
      expect(missing.body.errors).toEqual({
        administrationId: ['Förvaltningen finns inte.'],
        headOfUnitId: ['Personen finns inte.'],
      });
      const created = await api()
        .post('/api/care-units')
        .send({ hsaId: 'SE2321000131-E000000000999', name: 'Ny enhet', administrationId: narhalsan.id })
        .expect(201);
      expect(created.body).toMatchObject({ headOfUnitId: null, headOfUnitName: null, activeStaff: 0 });
      const headed = await api()
        .put(`/api/care-units/${created.body.id}`)
        .send({ headOfUnitId: await personId('nilbo4') })
        .expect(200);
      expect(headed.body.headOfUnitName).toBe('Nils Boström');
      const dup = await api()
        .put(`/api/care-units/${created.body.id}`)
        .send({ hsaId: solglantan.hsaId })
        .expect(409);
      expect(dup.body.errors).toEqual({ hsaId: ['Det finns redan en vårdenhet med detta HSA-id.'] });
      const wrong = await api()
        .put(`/api/care-units/${created.body.id}`)
        .send({ name: 12, activeStaff: 3 })
        .expect(400);
      expect(wrong.body.errors).toEqual({
        name: ['måste vara text'],
        activeStaff: ['är inte ett känt fält'],
      });
      await api().put(`/api/care-units/${created.body.id}`).send({ headOfUnitId: null }).expect(200);
      await api().delete(`/api/care-units/${created.body.id}`).expect(200);
    });

    it('refuses to delete a unit with engagements or assignments', async () => {
      const res = await api().delete(`/api/care-units/${solglantan.id}`).expect(409);
      expect(res.body.type).toBe('urn:beh:problem:in-use');
      await api().get(`/api/care-units/${solglantan.id}`).expect(200);
    });
  });

  describe('assignments', () => {
    it('lists the catalogue per unit: general before special, with member counts', async () => {
      const res = await list('assignments', { careUnitId: solglantan.id }).expect(200);
      expect(res.headers['content-range']).toBe('assignments 0-3/4');
      expect(res.body.map((a: Item) => [a.kind, a.name])).toEqual([
        ['GENERAL', 'VoB SJF'],
        ['SPECIAL', 'Administration Spärr & Logg'],
        ['SPECIAL', 'Kvalitetssäkring'],
        ['SPECIAL', 'Statistik VE'],
      ]);
      const vob = res.body[0] as Item;
      expect(vob).toMatchObject({
        careUnitName: 'Vårdcentralen Solgläntan',
        purpose: 'CARE_AND_TREATMENT',
        privateProviderOnly: false,
      });
      expect(vob.memberCount).toBeGreaterThanOrEqual(2);
      expect(res.body[1].privateProviderOnly).toBe(true);
    });

    it('filters on q, purpose and kind, and sorts', async () => {
      const all = await list('assignments').expect(200);
      expect(all.headers['content-range']).toBe('assignments 0-39/40');
      expect((await items('assignments', { q: 'vob' })).length).toBe(10);
      expect((await items('assignments', { q: 'sparr' })).length).toBe(10);
      expect((await items('assignments', { purpose: 'STATISTICS', kind: 'SPECIAL' })).length).toBe(10);
      expect((await items('assignments', { kind: 'GENERAL' })).every((a) => a.name === 'VoB SJF')).toBe(true);
      const byName = await items('assignments', {}, { sort: '["name","DESC"]', range: '[0,0]' });
      expect(byName[0].name).toBe('VoB SJF');
      await list('assignments', { purpose: 'CARE' }).expect(400);
    });

    it('creates, refuses a duplicate name in the unit, validates enums, deletes', async () => {
      const bad = await api()
        .post('/api/assignments')
        .send({
          hsaId: 'SE2321000131-F000000101900',
          careUnitId: solglantan.id,
          name: 'Forskning',
          purpose: 'RESEARCH',
        })
        .expect(400);
      expect(bad.body.errors).toEqual({
        purpose: ['måste vara något av CARE_AND_TREATMENT, QUALITY_ASSURANCE, ADMINISTRATION, STATISTICS'],
        kind: ['måste anges'],
      });
      const body = {
        hsaId: 'SE2321000131-F000000101900',
        careUnitId: solglantan.id,
        name: 'Forskning',
        purpose: 'QUALITY_ASSURANCE',
        kind: 'SPECIAL',
        description: '',
      };
      const created = await api().post('/api/assignments').send(body).expect(201);
      expect(created.body).toMatchObject({ name: 'Forskning', description: null, memberCount: 0 });
      const dup = await api()
        .post('/api/assignments')
        .send({ ...body, hsaId: 'SE2321000131-F000000101901' })
        .expect(409);
      expect(dup.body.errors).toEqual({ name: ['Vårdenheten har redan ett uppdrag med detta namn.'] });
      const moved = await api()
        .put(`/api/assignments/${created.body.id}`)
        .send({ careUnitId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(moved.body.errors).toEqual({ careUnitId: ['Vårdenheten finns inte.'] });
      const updated = await api()
        .put(`/api/assignments/${created.body.id}`)
        .send({ privateProviderOnly: true, description: 'Forskningsuttag' })
        .expect(200);
      expect(updated.body).toMatchObject({ privateProviderOnly: true, description: 'Forskningsuttag' });
      await api().delete(`/api/assignments/${created.body.id}`).expect(200);
    });

    it('refuses to delete an assignment someone holds', async () => {
      const [vob] = await items('assignments', { careUnitId: solglantan.id, kind: 'GENERAL' });
      const res = await api().delete(`/api/assignments/${vob.id}`).expect(409);
      expect(res.body.detail).toMatch(/innehas/);
    });
  });

  describe('systems', () => {
    it('lists the guide, searches system names and use cases', async () => {
      const res = await list('systems').expect(200);
      expect(res.headers['content-range']).toBe('systems 0-4/5');
      expect(res.body[0]).toEqual({
        id: expect.any(String),
        systemName: 'Infektionsverktyget',
        useCase: 'Registerutdrag och koppling av postoperativa infektioner till utförda åtgärder på patient',
        purpose: 'QUALITY_ASSURANCE',
        assignmentName: 'Kvalitetssäkring',
        note: null,
      });
      expect((await items('systems', { q: 'infek' })).length).toBe(2);
      expect((await items('systems', { q: 'registerutdrag' })).map((s) => s.assignmentName)).toEqual([
        'Kvalitetssäkring',
      ]);
      expect((await items('systems', { q: 'npo' })).map((s) => s.assignmentName)).toEqual(['VoB SJF']);
      expect((await items('systems', { purpose: 'STATISTICS' })).map((s) => s.assignmentName)).toEqual([
        'Statistik VE',
      ]);
      await list('systems', {}, { sort: '["assignmentName","ASC"]' }).expect(200);
      await list('systems', {}, { sort: '["note","ASC"]' }).expect(400);
    });

    it('creates, refuses duplicates, updates and deletes', async () => {
      const body = { systemName: 'Melior', purpose: 'CARE_AND_TREATMENT', assignmentName: 'VoB SJF' };
      const created = await api().post('/api/systems').send(body).expect(201);
      expect(created.body).toMatchObject({ ...body, useCase: '', note: null });
      const dup = await api().post('/api/systems').send(body).expect(409);
      expect(dup.body.errors).toEqual({
        systemName: ['Det finns redan en rad för detta system med samma användning.'],
      });
      const updated = await api()
        .put(`/api/systems/${created.body.id}`)
        .send({ note: 'Journal', useCase: null })
        .expect(200);
      expect(updated.body).toMatchObject({ note: 'Journal', useCase: '' });
      await api().put(`/api/systems/${created.body.id}`).send({ systemName: null }).expect(400);
      await api().delete(`/api/systems/${created.body.id}`).expect(200);
      await api().delete(`/api/systems/${created.body.id}`).expect(404);
    });
  });

  describe('engagements', () => {
    it("lists a person's engagements with unit, administration and activity", async () => {
      const majoh6 = await personId('majoh6');
      const [ended] = await items('engagements', { personId: majoh6 });
      expect(ended).toEqual({
        id: expect.any(String),
        personId: majoh6,
        careUnitId: solglantan.id,
        careUnitName: 'Vårdcentralen Solgläntan',
        administrationName: 'Närhälsan',
        costCentre: 'N41100',
        title: 'Läkare',
        validFrom: '2017-06-01',
        validTo: '2025-12-31',
        active: false,
      });
      const atUnit = await items('engagements', { careUnitId: solglantan.id }, { range: '[0,999]' });
      const from = atUnit.map((e) => e.validFrom as string);
      expect(from).toEqual([...from].sort().reverse());
    });

    it('validates dates, references and their order', async () => {
      const nils = await personId('nilbo4');
      const res = await api()
        .post('/api/engagements')
        .send({ personId: nils, careUnitId: solglantan.id, costCentre: 'N41100', validFrom: '2025-02-30' })
        .expect(400);
      expect(res.body.errors).toEqual({ validFrom: ['är ett datum som inte finns'] });
      const format = await api()
        .post('/api/engagements')
        .send({ personId: nils, careUnitId: solglantan.id, costCentre: 'N41100', validFrom: '2025/01/01' })
        .expect(400);
      expect(format.body.errors).toEqual({ validFrom: ['måste vara ett datum (ÅÅÅÅ-MM-DD)'] });
      const order = await api()
        .post('/api/engagements')
        .send({
          personId: '00000000-0000-4000-8000-000000000000',
          careUnitId: solglantan.id,
          costCentre: 'N41100',
          validFrom: '2025-01-01',
          validTo: '2024-12-31',
        })
        .expect(400);
      expect(order.body.errors).toEqual({
        validTo: ['får inte vara före startdatumet'],
        personId: ['Personen finns inte.'],
      });
    });

    it('creates, updates against the stored dates and deletes', async () => {
      const nils = await personId('nilbo4');
      const akuten = await one('care-units', { q: 'akutmottagning' });
      const created = await api()
        .post('/api/engagements')
        .send({
          personId: nils,
          careUnitId: akuten.id,
          costCentre: 'S10500',
          title: 'Sjuksköterska',
          validFrom: '2026-01-01',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        administrationName: 'Sahlgrenska Universitetssjukhuset',
        active: true,
      });
      const person = await api().get(`/api/persons/${nils}`).expect(200);
      expect(person.body.organisation).toBe('Akutmottagning Sahlgrenska, Vårdcentralen Solgläntan');
      const early = await api()
        .put(`/api/engagements/${created.body.id}`)
        .send({ validTo: '2025-12-31' })
        .expect(400);
      expect(early.body.errors).toEqual({ validTo: ['får inte vara före startdatumet'] });
      const ended = await api()
        .put(`/api/engagements/${created.body.id}`)
        .send({ validTo: '2026-01-31' })
        .expect(200);
      expect(ended.body).toMatchObject({ validTo: '2026-01-31', active: false });
      await api().put(`/api/engagements/${created.body.id}`).send({ active: true }).expect(400);
      await api().delete(`/api/engagements/${created.body.id}`).expect(200);
    });
  });

  describe('held-assignments', () => {
    it('lists who holds what, and shows a holding that a carried-out order made', async () => {
      const linda = await personId('linma5');
      const held = await items('held-assignments', { personId: linda });
      expect(held).toEqual([
        expect.objectContaining({
          assignmentName: 'VoB SJF',
          careUnitName: 'Vårdcentralen Solgläntan',
          active: true,
        }),
      ]);
      const members = await items(
        'held-assignments',
        { assignmentId: held[0].assignmentId },
        { range: '[0,999]' },
      );
      expect(members.map((m) => m.personId)).toContain(linda);

      // Holdings are read only (directory-audit.e2e-spec.ts): the one way to a new one is an
      // attested order carried out, here approved straight through the state machine.
      const nils = await personId('nilbo4');
      const today = t.app.get(Clock).today();
      const [order] = await place(await signIn(t, 'eriho2'), send('nilbo4', [VOB_SOL], today));
      expect(await approve(t, order.id, true)).toBe(true);
      const [created] = await items('held-assignments', { personId: nils, assignmentId: VOB_SOL });
      expect(created).toMatchObject({
        personId: nils,
        assignmentName: 'VoB SJF',
        active: true,
        validFrom: today,
        validTo: null,
      });
      expect((await api().get(`/api/held-assignments/${created.id}`).expect(200)).body).toEqual(created);
    });
  });

  describe('access (docs/api-contract-auth.md, "Directory access")', () => {
    it('answers 401 to anyone not signed in', async () => {
      const guest = await anonymous(t);
      for (const path of ['/api/persons', '/api/persons/lookup?hsaId=x', '/api/systems', '/api/care-units']) {
        const res = await guest.get(path).expect(401);
        expect(res.body.type).toBe('urn:beh:problem:unauthenticated');
      }
    });

    it('lets staff without rights read the systems guide only', async () => {
      const nils = await signIn(t, 'nilbo4');
      await nils.get('/api/systems').expect(200);
      for (const resource of ['persons', 'care-units', 'assignments', 'engagements', 'administrations']) {
        const res = await nils.get(`/api/${resource}`).expect(403);
        expect(res.body.type).toBe('urn:beh:problem:forbidden');
      }
    });

    it('lets heads of unit and delegates read, but only administrators write', async () => {
      for (const userId of ['karlu1', 'eriho2', 'sarbe3']) {
        const reader = await signIn(t, userId);
        await reader.get('/api/persons/lookup?hsaId=SE2321000131-P000000000104').expect(200);
        await reader.get('/api/care-units').expect(200);
        const write = await reader.put(`/api/care-units/${solglantan.id}`).send({ name: 'X' }).expect(403);
        expect(write.body.detail).toMatch(/administratörer/);
        await reader.post('/api/systems').send({}).expect(403);
      }
      expect((await api().get(`/api/care-units/${solglantan.id}`).expect(200)).body.name).toBe(
        'Vårdcentralen Solgläntan',
      );
    });

    it('refuses an administrator write without the CSRF token', async () => {
      const res = await admin.agent.put(`/api/care-units/${solglantan.id}`).send({ name: 'X' }).expect(403);
      expect(res.body.type).toBe('urn:beh:problem:csrf');
    });
  });
});

describe('directory in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Production refuses to start without real mail, sign-in and signing settings; never used here.
    t = await createTestApp(await productionEnv());
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['get', '/api/persons'],
    ['get', '/api/persons/lookup?hsaId=SE2321000131-P000000000104'],
    ['get', '/api/systems'],
  ] as const)('answers 401 problem to %s %s without sign-in', async (method, path) => {
    const guest = await anonymous(t);
    const res = await guest[method](path).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('urn:beh:problem:unauthenticated');
  });

  it('has no development sign-in to get past that', async () => {
    const guest = await anonymous(t);
    const res = await guest.post('/api/auth/dev-login').send({ userId: 'admin1' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    await guest.get('/api/persons').expect(401);
    // A write without a session fails on sign-in or, first, on its CSRF token.
    const write = await guest.post('/api/persons').send({});
    expect([401, 403]).toContain(write.status);
  });

  it('keeps health open', async () => {
    await request(t.http).get('/api/health').expect(200);
  });
});
