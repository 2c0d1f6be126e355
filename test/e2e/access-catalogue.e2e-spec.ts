import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSecret, type SealedSecret } from '../../server/src/common/secret-seal.js';
import { BOM } from '../../server/src/common/csv-export.js';
import {
  DEMO_AREAS,
  DEMO_OPERATIONS,
  DEMO_PROFESSIONS,
  DEMO_SYSTEMS,
  DEMO_TEMPLATES,
} from '../../server/src/seed/demo-access-catalogue.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { parseCsv } from '../support/csv.js';

type Item = Record<string, unknown> & { id: string };

const RESOURCES = [
  'local-systems',
  'system-roles',
  'access-areas',
  'access-operations',
  'professions',
  'access-templates',
] as const;

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

describe('access catalogue (issue 14, point 1)', () => {
  let t: TestApp;
  let admin: Client;
  let eriho2: Client;
  let karlu1Id: string;

  const list = (resource: string, filter: Record<string, unknown> = {}, extra: Record<string, string> = {}) =>
    admin.get(`/api/${resource}`).query({ filter: JSON.stringify(filter), range: '[0,99]', ...extra });
  const items = async (resource: string, filter: Record<string, unknown> = {}, extra = {}) =>
    (await list(resource, filter, extra).expect(200)).body as Item[];
  const one = async (resource: string, filter: Record<string, unknown>) => {
    const found = await items(resource, filter);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const names = (rows: Item[]) => rows.map((r) => r.name);
  const events = (entityType: string, entityId?: string) =>
    t.dataSource.query<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }[]>(
      `SELECT action, before, after FROM audit_event
        WHERE entity_type = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
      [entityType, entityId ?? null],
    );
  const eventCount = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;

  /** A fresh system (MANUAL unless told), role, area, operation, profession and template. */
  let serial = 0;
  const fresh = async () => {
    serial += 1;
    const system = (
      await admin
        .post('/api/local-systems')
        .send({ name: `Testsystem ${serial}`, owner: 'Testförvaltningen', fulfilment: 'MANUAL' })
        .expect(201)
    ).body as Item;
    const role = (
      await admin.post('/api/system-roles').send({ systemId: system.id, name: 'Läsare' }).expect(201)
    ).body as Item;
    const area = (
      await admin
        .post('/api/access-areas')
        .send({ name: `Område ${serial}` })
        .expect(201)
    ).body as Item;
    const operation = (
      await admin
        .post('/api/access-operations')
        .send({ areaId: area.id, name: `Verksamhet ${serial}`, headPersonId: karlu1Id })
        .expect(201)
    ).body as Item;
    const profession = (
      await admin
        .post('/api/professions')
        .send({ name: `Yrke ${serial}` })
        .expect(201)
    ).body as Item;
    const template = (
      await admin
        .post('/api/access-templates')
        .send({
          operationId: operation.id,
          name: `Mall ${serial}`,
          roleIds: [role.id],
          professionIds: [profession.id],
        })
        .expect(201)
    ).body as Item;
    return { system, role, area, operation, profession, template };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
    eriho2 = await signIn(t, 'eriho2');
    karlu1Id = (
      (
        await admin
          .get('/api/persons')
          .query({ filter: JSON.stringify({ q: 'karlu1' }) })
          .expect(200)
      ).body as Item[]
    )[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the demo catalogue', () => {
    it('has the systems with their roles, AD-grupper VGR over SCIM with a sealed token, the rest manual', async () => {
      const res = await list('local-systems').expect(200);
      expect(res.headers['content-range']).toBe(
        `local-systems 0-${DEMO_SYSTEMS.length - 1}/${DEMO_SYSTEMS.length}`,
      );
      const systems = res.body as Item[];
      expect(systems.length).toBeGreaterThanOrEqual(8);
      expect(names(systems)).toEqual(
        expect.arrayContaining([
          'Melior',
          'ELVIS',
          'Millennium',
          'Sectra PACS',
          'Raindance',
          'Heroma',
          'Infektionsverktyget',
          'AD-grupper VGR',
        ]),
      );
      for (const s of systems) {
        expect(s.roleCount).toBeGreaterThanOrEqual(2);
        expect(s.roleCount).toBeLessThanOrEqual(4);
        expect(s).not.toHaveProperty('scimToken');
        expect(s).not.toHaveProperty('scimTokenSealed');
      }
      expect(systems.filter((s) => s.fulfilment === 'SCIM')).toEqual([
        expect.objectContaining({
          name: 'AD-grupper VGR',
          scimBaseUrl: 'http://127.0.0.1:9/scim/v2',
          hasScimToken: true,
        }),
      ]);
      expect(systems.filter((s) => s.fulfilment === 'MANUAL').every((s) => s.scimBaseUrl === null)).toBe(
        true,
      );
      const adRoles = await items('system-roles', {
        systemId: systems.find((s) => s.name === 'AD-grupper VGR')!.id,
      });
      expect(adRoles.every((r) => typeof r.scimGroup === 'string' && r.scimGroup !== '')).toBe(true);
      const [{ sealed }] = await t.dataSource.query<{ sealed: SealedSecret }[]>(
        `SELECT scim_token_sealed AS sealed FROM local_system WHERE name = 'AD-grupper VGR'`,
      );
      const ad = DEMO_SYSTEMS.find((s) => s.name === 'AD-grupper VGR')!;
      expect(JSON.stringify(sealed)).not.toContain(ad.scim!.token);
      const id = systems.find((s) => s.name === 'AD-grupper VGR')!.id;
      expect(openSecret(sealed, t.config.signing.keySecret, 'scim-token', id)).toBe(ad.scim!.token);
    });

    it('has 3 områden, 6 verksamheter with heads, the professions and 15 templates, Ksd-personal as in seeds/001', async () => {
      expect(names(await items('access-areas'))).toEqual(
        expect.arrayContaining(['Plattformer och infrastruktur', 'Vård och omsorg', 'Ekonomi och personal']),
      );
      expect(await items('access-areas')).toHaveLength(DEMO_AREAS.length);
      const operations = await items('access-operations');
      expect(operations).toHaveLength(6);
      expect(DEMO_OPERATIONS).toHaveLength(6);
      expect(
        operations.every((o) => typeof o.headName === 'string' && typeof o.headUserId === 'string'),
      ).toBe(true);
      const identity = operations.find((o) => o.name === 'Identitet och behörighet')!;
      expect(identity).toMatchObject({ areaName: 'Plattformer och infrastruktur', headUserId: 'karlu1' });
      const professions = await items('professions');
      expect(names(professions).sort()).toEqual([...DEMO_PROFESSIONS].sort());
      for (const p of ['Supportspecialist Behörighetsteamet', 'Sjuksköterska', 'Läkare', 'Undersköterska']) {
        expect(names(professions)).toContain(p);
      }
      const templates = await items('access-templates');
      expect(templates).toHaveLength(15);
      expect(DEMO_TEMPLATES).toHaveLength(15);
      expect(templates.every((tpl) => (tpl.roleIds as string[]).length >= 1)).toBe(true);
      expect(templates.every((tpl) => (tpl.professionIds as string[]).length >= 1)).toBe(true);
      const ksd = templates.find((tpl) => tpl.name === 'Ksd-personal')!;
      expect(ksd).toMatchObject({
        areaName: 'Plattformer och infrastruktur',
        operationName: 'Identitet och behörighet',
        active: true,
      });
      expect((ksd.professions as Item[]).map((p) => p.name)).toContain('Supportspecialist Behörighetsteamet');
      const support = professions.find((p) => p.name === 'Supportspecialist Behörighetsteamet')!;
      expect(names(await items('access-templates', { professionId: support.id }))).toContain('Ksd-personal');
    });

    it('flags Kvalitetssäkring, and only it, as requiring access in local or regional systems', async () => {
      const assignments = await items('assignments', {}, { range: '[0,199]' });
      expect(assignments.length).toBeGreaterThan(8);
      for (const a of assignments) expect(a.requiresLocalAccess).toBe(a.name === 'Kvalitetssäkring');
    });
  });

  describe('local-systems', () => {
    it('creates, reads, updates and deletes a system; each write is one audit event', async () => {
      const before = await eventCount();
      const created = await admin
        .post('/api/local-systems')
        .send({
          name: 'Journalarkivet',
          description: 'Äldre journaler.',
          owner: 'Regionarkivet',
          fulfilment: 'MANUAL',
        })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Journalarkivet',
        description: 'Äldre journaler.',
        owner: 'Regionarkivet',
        fulfilment: 'MANUAL',
        scimBaseUrl: null,
        hasScimToken: false,
        active: true,
        roleCount: 0,
      });
      const id = created.body.id as string;
      expect((await admin.get(`/api/local-systems/${id}`).expect(200)).body).toEqual(created.body);
      const updated = await admin
        .put(`/api/local-systems/${id}`)
        .send({ owner: 'Regionarkivet Väst', active: false })
        .expect(200);
      expect(updated.body).toMatchObject({
        name: 'Journalarkivet',
        owner: 'Regionarkivet Väst',
        active: false,
      });
      await admin.delete(`/api/local-systems/${id}`).expect(200);
      await admin.get(`/api/local-systems/${id}`).expect(404);
      expect(await eventCount()).toBe(before + 3);
      const log = await events('local_system', id);
      expect(log.map((e) => e.action)).toEqual([
        'LOCAL_SYSTEM_CREATED',
        'LOCAL_SYSTEM_UPDATED',
        'LOCAL_SYSTEM_DELETED',
      ]);
      expect(log[1].before).toMatchObject({ owner: 'Regionarkivet', active: true });
      expect(log[1].after).toMatchObject({ owner: 'Regionarkivet Väst', active: false });
      expect(log[2].after).toBeNull();
    });

    it('refuses missing and too long fields, a taken name in any case, and bad SCIM settings, in Swedish', async () => {
      const before = await eventCount();
      const missing = await admin.post('/api/local-systems').send({ description: 'x' }).expect(400);
      expect(missing.body.errors).toEqual({
        name: ['måste anges'],
        owner: ['måste anges'],
        fulfilment: ['måste anges'],
      });
      const unknownWay = await admin
        .post('/api/local-systems')
        .send({ name: 'Fax', owner: 'X', fulfilment: 'FAX' })
        .expect(400);
      expect(unknownWay.body.errors).toEqual({ fulfilment: ['måste vara något av MANUAL, SCIM'] });
      const long = await admin
        .post('/api/local-systems')
        .send({ name: 'x'.repeat(201), owner: 'y'.repeat(201), fulfilment: 'MANUAL' })
        .expect(400);
      expect(long.body.errors).toEqual({
        name: ['får vara högst 200 tecken'],
        owner: ['får vara högst 200 tecken'],
      });
      const taken = await admin
        .post('/api/local-systems')
        .send({ name: 'melior', owner: 'X', fulfilment: 'MANUAL' })
        .expect(409);
      expect(taken.body).toMatchObject({
        type: 'urn:beh:problem:conflict',
        errors: { name: ['Det finns redan ett system med detta namn.'] },
      });
      const noUrl = await admin
        .post('/api/local-systems')
        .send({ name: 'Nytt SCIM', owner: 'X', fulfilment: 'SCIM' })
        .expect(400);
      expect(noUrl.body.errors).toEqual({ scimBaseUrl: ['måste anges när systemet utförs via SCIM'] });
      const manualWithUrl = await admin
        .post('/api/local-systems')
        .send({
          name: 'Nytt manuellt',
          owner: 'X',
          fulfilment: 'MANUAL',
          scimBaseUrl: 'https://scim.exempel.se/scim/v2',
          scimToken: 'hemligt',
        })
        .expect(400);
      expect(manualWithUrl.body.errors).toEqual({
        scimBaseUrl: ['får bara anges när systemet utförs via SCIM'],
        scimToken: ['får bara anges när systemet utförs via SCIM'],
      });
      for (const bad of ['ftp://scim.exempel.se/v2', 'inte en adress', 'https://']) {
        const res = await admin
          .post('/api/local-systems')
          .send({ name: 'Nytt SCIM', owner: 'X', fulfilment: 'SCIM', scimBaseUrl: bad })
          .expect(400);
        expect(res.body.errors).toEqual({
          scimBaseUrl: ['måste vara en http- eller https-adress, t.ex. https://scim.exempel.se/scim/v2'],
        });
      }
      const melior = await one('local-systems', { q: 'Melior' });
      const renamed = await admin.put(`/api/local-systems/${melior.id}`).send({ name: 'ELVIS' }).expect(409);
      expect(renamed.body.errors).toEqual({ name: ['Det finns redan ett system med detta namn.'] });
      const toScim = await admin
        .put(`/api/local-systems/${melior.id}`)
        .send({ fulfilment: 'SCIM' })
        .expect(400);
      expect(toScim.body.errors).toEqual({ scimBaseUrl: ['måste anges när systemet utförs via SCIM'] });
      // Melior's roles name no SCIM group: it cannot be carried out over SCIM (a rule: 422).
      const noGroups = await admin
        .put(`/api/local-systems/${melior.id}`)
        .send({ fulfilment: 'SCIM', scimBaseUrl: 'https://melior.exempel.se/scim/v2' })
        .expect(422);
      expect(noGroups.body.type).toBe('urn:beh:problem:scim-group-missing');
      expect(noGroups.body.detail).toContain('Journalförare läkare');
      expect(await eventCount()).toBe(before);
      expect((await admin.get(`/api/local-systems/${melior.id}`).expect(200)).body).toMatchObject({
        name: 'Melior',
        fulfilment: 'MANUAL',
      });
    });

    it('keeps the SCIM token sealed and never answers it: list, one, CSV, audit log', async () => {
      const token = 'scim-hemlighet-4711-abcdef';
      const created = await admin
        .post('/api/local-systems')
        .send({
          name: 'Lab-SCIM',
          owner: 'Laboratoriemedicin',
          fulfilment: 'SCIM',
          scimBaseUrl: 'https://lab.exempel.se/scim/v2',
          scimToken: token,
        })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        hasScimToken: true,
        scimBaseUrl: 'https://lab.exempel.se/scim/v2',
      });
      const answers = [
        JSON.stringify(created.body),
        JSON.stringify((await admin.get(`/api/local-systems/${id}`).expect(200)).body),
        JSON.stringify(await items('local-systems')),
        (await admin.get('/api/local-systems/export').expect(200)).text,
      ];
      for (const answer of answers) {
        expect(answer).not.toContain(token);
        expect(answer).not.toContain('scimToken"');
      }
      const [row] = await t.dataSource.query<{ sealed: SealedSecret; text: string }[]>(
        `SELECT scim_token_sealed AS sealed, scim_token_sealed::text AS text FROM local_system WHERE id = $1`,
        [id],
      );
      expect(row.text).not.toContain(token);
      expect(row.text).not.toContain(Buffer.from(token).toString('base64'));
      expect(openSecret(row.sealed, t.config.signing.keySecret, 'scim-token', id)).toBe(token);
      // Bound to its row: the same envelope does not open as another system's.
      expect(openSecret(row.sealed, t.config.signing.keySecret, 'scim-token', MISSING_UUID)).toBeUndefined();

      // A new token replaces it (one event); leaving it out keeps it; null removes it.
      const replaced = 'ny-scim-hemlighet-0815';
      await admin.put(`/api/local-systems/${id}`).send({ scimToken: replaced }).expect(200);
      const [after] = await t.dataSource.query<{ sealed: SealedSecret }[]>(
        `SELECT scim_token_sealed AS sealed FROM local_system WHERE id = $1`,
        [id],
      );
      expect(openSecret(after.sealed, t.config.signing.keySecret, 'scim-token', id)).toBe(replaced);
      await admin.put(`/api/local-systems/${id}`).send({ description: 'Labbets SCIM-tjänst' }).expect(200);
      expect((await admin.get(`/api/local-systems/${id}`).expect(200)).body.hasScimToken).toBe(true);
      const removed = await admin.put(`/api/local-systems/${id}`).send({ scimToken: null }).expect(200);
      expect(removed.body.hasScimToken).toBe(false);
      const log = await events('local_system', id);
      expect(log.map((e) => e.action)).toEqual([
        'LOCAL_SYSTEM_CREATED',
        'LOCAL_SYSTEM_UPDATED',
        'LOCAL_SYSTEM_UPDATED',
        'LOCAL_SYSTEM_UPDATED',
      ]);
      const logText = JSON.stringify(log);
      expect(logText).not.toContain(token);
      expect(logText).not.toContain(replaced);
      expect(logText).not.toContain(row.sealed.data);

      // Changed to MANUAL: the SCIM settings go with it.
      await admin.put(`/api/local-systems/${id}`).send({ scimToken: 'igen' }).expect(200);
      const manual = await admin.put(`/api/local-systems/${id}`).send({ fulfilment: 'MANUAL' }).expect(200);
      expect(manual.body).toMatchObject({ fulfilment: 'MANUAL', scimBaseUrl: null, hasScimToken: false });
    });

    it('filters on q, fulfilment and active, sorts, pages with Content-Range and refuses bad filters', async () => {
      expect(names(await items('local-systems', { q: 'sect' }))).toEqual(['Sectra PACS']);
      expect(names(await items('local-systems', { q: 'vgr' }))).toEqual(['AD-grupper VGR']);
      expect(names(await items('local-systems', { fulfilment: 'SCIM', q: 'AD' }))).toEqual([
        'AD-grupper VGR',
      ]);
      const heroma = await one('local-systems', { q: 'Heroma' });
      await admin.put(`/api/local-systems/${heroma.id}`).send({ active: false }).expect(200);
      expect(names(await items('local-systems', { active: false }))).toContain('Heroma');
      expect(names(await items('local-systems', { active: true }))).not.toContain('Heroma');
      await admin.put(`/api/local-systems/${heroma.id}`).send({ active: true }).expect(200);
      const asc = names(await items('local-systems', {}, { sort: '["name","ASC"]' }));
      const desc = names(await items('local-systems', {}, { sort: '["name","DESC"]' }));
      expect(desc).toEqual([...asc].reverse());
      const page = await list('local-systems', {}, { range: '[2,4]', sort: '["name","ASC"]' }).expect(200);
      expect(page.body.map((s: Item) => s.name)).toEqual(asc.slice(2, 5));
      expect(page.headers['content-range']).toBe(`local-systems 2-4/${asc.length}`);
      expect((await list('local-systems', { fulfilment: 'FAX' }).expect(400)).body.detail).toBe(
        'Filtret fulfilment måste vara något av MANUAL, SCIM.',
      );
      expect((await list('local-systems', { owner: 'x' }).expect(400)).body.detail).toBe(
        'Det går inte att filtrera på owner.',
      );
      await list('local-systems', {}, { sort: '["scimBaseUrl","ASC"]' }).expect(400);
    });

    it('refuses to delete a system that has roles (409), and answers 404 for unknown ids', async () => {
      const melior = await one('local-systems', { q: 'Melior' });
      const res = await admin.delete(`/api/local-systems/${melior.id}`).expect(409);
      expect(res.body).toMatchObject({
        type: 'urn:beh:problem:in-use',
        detail: 'Systemet har roller och kan inte tas bort. Ta bort rollerna först.',
      });
      for (const resource of RESOURCES) {
        for (const id of [MISSING_UUID, 'inte-ett-id']) {
          await admin.get(`/api/${resource}/${id}`).expect(404);
          await admin.put(`/api/${resource}/${id}`).send({}).expect(404);
          await admin.delete(`/api/${resource}/${id}`).expect(404);
        }
      }
      expect((await admin.get(`/api/local-systems/${MISSING_UUID}`).expect(404)).body.detail).toBe(
        'Systemet hittades inte.',
      );
    });
  });

  describe('system-roles', () => {
    it('creates, updates and deletes roles; names are unique within their system only', async () => {
      const { system } = await fresh();
      const before = await eventCount();
      const role = await admin
        .post('/api/system-roles')
        .send({ systemId: system.id, name: 'Skrivare', description: 'Skriver.' })
        .expect(201);
      expect(role.body).toEqual({
        id: expect.any(String),
        systemId: system.id,
        systemName: system.name,
        name: 'Skrivare',
        description: 'Skriver.',
        scimGroup: null,
      });
      const dup = await admin
        .post('/api/system-roles')
        .send({ systemId: system.id, name: 'LÄSARE' })
        .expect(409);
      expect(dup.body.errors).toEqual({ name: ['Systemet har redan en roll med detta namn.'] });
      const melior = await one('local-systems', { q: 'Melior' });
      // The same name in another system is another role.
      const elsewhere = await admin
        .post('/api/system-roles')
        .send({ systemId: melior.id, name: 'Skrivare' })
        .expect(201);
      await admin
        .put(`/api/system-roles/${role.body.id}`)
        .send({ name: 'Skrivare och läsare', description: '' })
        .expect(200);
      expect((await admin.get(`/api/system-roles/${role.body.id}`).expect(200)).body).toMatchObject({
        name: 'Skrivare och läsare',
        description: '',
      });
      await admin.delete(`/api/system-roles/${role.body.id}`).expect(200);
      await admin.delete(`/api/system-roles/${elsewhere.body.id}`).expect(200);
      await admin.get(`/api/system-roles/${role.body.id}`).expect(404);
      expect(await eventCount()).toBe(before + 5);
      expect((await events('system_role', role.body.id)).map((e) => e.action)).toEqual([
        'SYSTEM_ROLE_CREATED',
        'SYSTEM_ROLE_UPDATED',
        'SYSTEM_ROLE_DELETED',
      ]);
    });

    it('refuses a role without its system, without a name, or without a SCIM group on a SCIM system', async () => {
      const before = await eventCount();
      const missing = await admin.post('/api/system-roles').send({}).expect(400);
      expect(missing.body.errors).toEqual({ systemId: ['måste anges'], name: ['måste anges'] });
      const badId = await admin.post('/api/system-roles').send({ systemId: 'x', name: 'R' }).expect(400);
      expect(badId.body.errors).toEqual({ systemId: ['måste vara ett giltigt id'] });
      const unknown = await admin
        .post('/api/system-roles')
        .send({ systemId: MISSING_UUID, name: 'R' })
        .expect(400);
      expect(unknown.body.errors).toEqual({ systemId: ['Systemet finns inte.'] });
      const ad = await one('local-systems', { q: 'AD-grupper' });
      const noGroup = await admin
        .post('/api/system-roles')
        .send({ systemId: ad.id, name: 'Ny grupp' })
        .expect(400);
      expect(noGroup.body.errors).toEqual({ scimGroup: ['måste anges när systemet utförs via SCIM'] });
      const [adRole] = await items('system-roles', { systemId: ad.id });
      const cleared = await admin.put(`/api/system-roles/${adRole.id}`).send({ scimGroup: null }).expect(400);
      expect(cleared.body.errors).toEqual({ scimGroup: ['måste anges när systemet utförs via SCIM'] });
      expect(await eventCount()).toBe(before);
      const withGroup = await admin
        .post('/api/system-roles')
        .send({ systemId: ad.id, name: 'Ny grupp', scimGroup: 'VGR-Ny-grupp' })
        .expect(201);
      expect(withGroup.body).toMatchObject({ systemName: 'AD-grupper VGR', scimGroup: 'VGR-Ny-grupp' });
      await admin.delete(`/api/system-roles/${withGroup.body.id}`).expect(200);
    });

    it('refuses to delete a role that a template bundles (409)', async () => {
      const { role } = await fresh();
      const res = await admin.delete(`/api/system-roles/${role.id}`).expect(409);
      expect(res.body).toMatchObject({
        type: 'urn:beh:problem:in-use',
        detail: 'Rollen ingår i en behörighetsmall och kan inte tas bort.',
      });
    });

    it('filters on the system and q, sorts by system and name', async () => {
      const elvis = await one('local-systems', { q: 'ELVIS' });
      const roles = await list('system-roles', { systemId: elvis.id }, { sort: '["name","ASC"]' }).expect(
        200,
      );
      expect(roles.body.map((r: Item) => r.name)).toEqual([
        'Journalförare',
        'Journalläsare',
        'Receptförskrivare',
      ]);
      expect(roles.headers['content-range']).toBe('system-roles 0-2/3');
      expect((await items('system-roles', { q: 'recept' })).map((r) => r.systemName)).toEqual(['ELVIS']);
      const all = await items('system-roles');
      const systemNames = all.map((r) => r.systemName as string);
      expect(systemNames).toEqual([...systemNames].sort((a, b) => a.localeCompare(b, 'sv')));
    });
  });

  describe('access-areas and access-operations', () => {
    it('creates, updates and deletes an område; refuses missing, long and taken names', async () => {
      const before = await eventCount();
      const area = await admin
        .post('/api/access-areas')
        .send({ name: 'Forskning', description: 'FoU' })
        .expect(201);
      expect(area.body).toEqual({
        id: expect.any(String),
        name: 'Forskning',
        description: 'FoU',
        operationCount: 0,
      });
      expect((await admin.post('/api/access-areas').send({}).expect(400)).body.errors).toEqual({
        name: ['måste anges'],
      });
      expect(
        (
          await admin
            .post('/api/access-areas')
            .send({ name: 'x'.repeat(201) })
            .expect(400)
        ).body.errors,
      ).toEqual({ name: ['får vara högst 200 tecken'] });
      expect(
        (await admin.post('/api/access-areas').send({ name: ' vård OCH omsorg ' }).expect(409)).body.errors,
      ).toEqual({ name: ['Det finns redan ett område med detta namn.'] });
      await admin
        .put(`/api/access-areas/${area.body.id}`)
        .send({ name: 'Forskning och utveckling' })
        .expect(200);
      await admin.delete(`/api/access-areas/${area.body.id}`).expect(200);
      expect(await eventCount()).toBe(before + 3);
      expect((await events('access_area', area.body.id)).map((e) => e.action)).toEqual([
        'ACCESS_AREA_CREATED',
        'ACCESS_AREA_UPDATED',
        'ACCESS_AREA_DELETED',
      ]);
    });

    it('creates, updates and deletes a verksamhet with its head; refuses unknown areas and heads', async () => {
      const { area } = await fresh();
      const before = await eventCount();
      const created = await admin
        .post('/api/access-operations')
        .send({ areaId: area.id, name: 'Labbet', headPersonId: karlu1Id })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        areaId: area.id,
        areaName: area.name,
        name: 'Labbet',
        description: '',
        headPersonId: karlu1Id,
        headName: 'Karin Lund',
        headUserId: 'karlu1',
        templateCount: 0,
      });
      const missing = await admin.post('/api/access-operations').send({ areaId: area.id }).expect(400);
      expect(missing.body.errors).toEqual({ name: ['måste anges'], headPersonId: ['måste anges'] });
      const unknown = await admin
        .post('/api/access-operations')
        .send({ areaId: MISSING_UUID, name: 'X', headPersonId: MISSING_UUID })
        .expect(400);
      expect(unknown.body.errors).toEqual({
        areaId: ['Området finns inte.'],
        headPersonId: ['Personen finns inte.'],
      });
      const noHead = await admin
        .put(`/api/access-operations/${created.body.id}`)
        .send({ headPersonId: MISSING_UUID })
        .expect(400);
      expect(noHead.body.errors).toEqual({ headPersonId: ['Personen finns inte.'] });
      const dup = await admin
        .post('/api/access-operations')
        .send({ areaId: area.id, name: 'LABBET', headPersonId: karlu1Id })
        .expect(409);
      expect(dup.body.errors).toEqual({ name: ['Området har redan en verksamhet med detta namn.'] });
      // The same name in another område is another verksamhet.
      const other = await one('access-areas', { q: 'Ekonomi och personal' });
      const elsewhere = await admin
        .post('/api/access-operations')
        .send({ areaId: other.id, name: 'Labbet', headPersonId: karlu1Id })
        .expect(201);
      const eriho2Id = (await one('persons', { q: 'eriho2' })).id;
      const moved = await admin
        .put(`/api/access-operations/${created.body.id}`)
        .send({ headPersonId: eriho2Id, description: 'Laboratoriet' })
        .expect(200);
      expect(moved.body).toMatchObject({ headUserId: 'eriho2', description: 'Laboratoriet' });
      await admin.delete(`/api/access-operations/${created.body.id}`).expect(200);
      await admin.delete(`/api/access-operations/${elsewhere.body.id}`).expect(200);
      expect(await eventCount()).toBe(before + 5);
      const log = await events('access_operation', created.body.id);
      expect(log.map((e) => e.action)).toEqual([
        'ACCESS_OPERATION_CREATED',
        'ACCESS_OPERATION_UPDATED',
        'ACCESS_OPERATION_DELETED',
      ]);
      expect(log[1].before).toMatchObject({ headPersonId: karlu1Id });
      expect(log[1].after).toMatchObject({ headPersonId: eriho2Id });
    });

    it('refuses to delete an område with verksamheter and a verksamhet with templates (409)', async () => {
      const { area, operation } = await fresh();
      expect((await admin.delete(`/api/access-areas/${area.id}`).expect(409)).body.detail).toBe(
        'Området har verksamheter och kan inte tas bort.',
      );
      expect((await admin.delete(`/api/access-operations/${operation.id}`).expect(409)).body.detail).toBe(
        'Verksamheten har behörighetsmallar och kan inte tas bort.',
      );
    });

    it('lists verksamheter by område with counts, filters on areaId and q', async () => {
      const platforms = await one('access-areas', { q: 'Plattformer' });
      expect(platforms.operationCount).toBe(2);
      const res = await list(
        'access-operations',
        { areaId: platforms.id },
        { sort: '["name","ASC"]' },
      ).expect(200);
      expect(res.body.map((o: Item) => o.name)).toEqual(['Digital arbetsplats', 'Identitet och behörighet']);
      expect(res.headers['content-range']).toBe('access-operations 0-1/2');
      expect((await one('access-operations', { q: 'identitet' })).templateCount).toBe(1);
    });
  });

  describe('professions', () => {
    it('creates, renames and deletes a yrkeskategori; refuses taken names and deleting one in use', async () => {
      const before = await eventCount();
      const created = await admin.post('/api/professions').send({ name: 'Fysioterapeut' }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'Fysioterapeut', templateCount: 0 });
      expect((await admin.post('/api/professions').send({ name: 'läkare' }).expect(409)).body.errors).toEqual(
        {
          name: ['Det finns redan en yrkeskategori med detta namn.'],
        },
      );
      expect((await admin.post('/api/professions').send({ name: '   ' }).expect(400)).body.errors).toEqual({
        name: ['måste anges'],
      });
      await admin.put(`/api/professions/${created.body.id}`).send({ name: 'Sjukgymnast' }).expect(200);
      await admin.delete(`/api/professions/${created.body.id}`).expect(200);
      expect(await eventCount()).toBe(before + 3);
      const lakare = await one('professions', { q: 'Läkare' });
      expect(lakare.templateCount).toBeGreaterThan(0);
      expect((await admin.delete(`/api/professions/${lakare.id}`).expect(409)).body.detail).toBe(
        'Yrkeskategorin används i en behörighetsmall och kan inte tas bort.',
      );
    });
  });

  describe('access-templates', () => {
    it('creates a template bundling roles for professions, changes its roles, deletes it', async () => {
      const { operation, role, profession, system } = await fresh();
      const elvisRole = await one('system-roles', { q: 'Receptförskrivare' });
      const lakare = await one('professions', { q: 'Läkare' });
      const before = await eventCount();
      const created = await admin
        .post('/api/access-templates')
        .send({
          operationId: operation.id,
          name: 'Testmall',
          description: 'För test.',
          // The same role twice, once in capitals: one link (the database spells a uuid in lower case).
          roleIds: [role.id, elvisRole.id, role.id, (role.id as string).toUpperCase()],
          professionIds: [profession.id],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        operationId: operation.id,
        operationName: operation.name,
        areaId: operation.areaId,
        areaName: operation.areaName,
        name: 'Testmall',
        description: 'För test.',
        active: true,
        professionIds: [profession.id],
        professions: [{ id: profession.id, name: profession.name }],
      });
      expect([...(created.body.roleIds as string[])].sort()).toEqual([role.id, elvisRole.id].sort());
      expect(created.body.roles).toEqual(
        expect.arrayContaining([
          { id: role.id, name: 'Läsare', systemId: system.id, systemName: system.name },
          { id: elvisRole.id, name: 'Receptförskrivare', systemId: elvisRole.systemId, systemName: 'ELVIS' },
        ]),
      );
      const id = created.body.id as string;
      const changed = await admin
        .put(`/api/access-templates/${id}`)
        .send({ roleIds: [elvisRole.id], professionIds: [profession.id, lakare.id], active: false })
        .expect(200);
      expect(changed.body).toMatchObject({ roleIds: [elvisRole.id], active: false });
      expect([...(changed.body.professionIds as string[])].sort()).toEqual([profession.id, lakare.id].sort());
      expect((await admin.get(`/api/access-templates/${id}`).expect(200)).body).toEqual(changed.body);
      await admin.delete(`/api/access-templates/${id}`).expect(200);
      await admin.get(`/api/access-templates/${id}`).expect(404);
      expect(await eventCount()).toBe(before + 3);
      const log = await events('access_template', id);
      expect(log.map((e) => e.action)).toEqual([
        'ACCESS_TEMPLATE_CREATED',
        'ACCESS_TEMPLATE_UPDATED',
        'ACCESS_TEMPLATE_DELETED',
      ]);
      expect((log[1].before.roleIds as string[]).sort()).toEqual([role.id, elvisRole.id].sort());
      expect(log[1].after).toMatchObject({ roleIds: [elvisRole.id], active: false });
      // Its role is free again: the role may now be deleted... once the fresh template lets go too.
      const links = await t.dataSource.query(`SELECT 1 FROM access_template_role WHERE template_id = $1`, [
        id,
      ]);
      expect(links).toHaveLength(0);
    });

    it('refuses a template without roles or professions, with unknown ids, or a taken name', async () => {
      const { operation, role, profession, template } = await fresh();
      const before = await eventCount();
      const missing = await admin
        .post('/api/access-templates')
        .send({ operationId: operation.id })
        .expect(400);
      expect(missing.body.errors).toEqual({
        name: ['måste anges'],
        roleIds: ['måste anges'],
        professionIds: ['måste anges'],
      });
      const empty = await admin
        .post('/api/access-templates')
        .send({ operationId: operation.id, name: 'Tom', roleIds: [], professionIds: [] })
        .expect(400);
      expect(empty.body.errors).toEqual({
        roleIds: ['måste innehålla minst en roll'],
        professionIds: ['måste innehålla minst en yrkeskategori'],
      });
      const badIds = await admin
        .post('/api/access-templates')
        .send({ operationId: operation.id, name: 'Fel', roleIds: ['x'], professionIds: 'y' })
        .expect(400);
      expect(badIds.body.errors).toEqual({
        roleIds: ['måste vara giltiga id'],
        professionIds: ['måste vara en lista'],
      });
      const unknown = await admin
        .post('/api/access-templates')
        .send({
          operationId: MISSING_UUID,
          name: 'Okänd',
          roleIds: [role.id, MISSING_UUID],
          professionIds: [MISSING_UUID],
        })
        .expect(400);
      expect(unknown.body.errors).toEqual({
        operationId: ['Verksamheten finns inte.'],
        roleIds: ['En eller flera roller finns inte.'],
        professionIds: ['En eller flera yrkeskategorier finns inte.'],
      });
      const emptied = await admin
        .put(`/api/access-templates/${template.id}`)
        .send({ roleIds: [] })
        .expect(400);
      expect(emptied.body.errors).toEqual({ roleIds: ['måste innehålla minst en roll'] });
      const dup = await admin
        .post('/api/access-templates')
        .send({
          operationId: operation.id,
          name: String(template.name).toUpperCase(),
          roleIds: [role.id],
          professionIds: [profession.id],
        })
        .expect(409);
      expect(dup.body.errors).toEqual({
        name: ['Verksamheten har redan en behörighetsmall med detta namn.'],
      });
      expect(await eventCount()).toBe(before);
      expect((await admin.get(`/api/access-templates/${template.id}`).expect(200)).body.roleIds).toEqual([
        role.id,
      ]);
    });

    it('filters on område, verksamhet, profession, system, active and q', async () => {
      const identity = await one('access-operations', { q: 'Identitet' });
      expect(names(await items('access-templates', { operationId: identity.id }))).toEqual(['Ksd-personal']);
      const economy = await one('access-areas', { q: 'Ekonomi och personal' });
      const res = await list('access-templates', { areaId: economy.id }, { sort: '["name","ASC"]' }).expect(
        200,
      );
      expect(res.body.map((tpl: Item) => tpl.name)).toEqual([
        'Chef i Heroma',
        'Ekonomiadministratör',
        'Fakturaattestant',
        'Personalhandläggare',
      ]);
      expect(res.headers['content-range']).toBe('access-templates 0-3/4');
      const heroma = await one('local-systems', { q: 'Heroma' });
      expect(names(await items('access-templates', { systemId: heroma.id })).sort()).toEqual([
        'Chef i Heroma',
        'Personalhandläggare',
      ]);
      const undersköterska = await one('professions', { q: 'Undersköterska' });
      expect(names(await items('access-templates', { professionId: undersköterska.id }))).toEqual([
        'Undersköterska vårdcentral',
      ]);
      expect(names(await items('access-templates', { q: 'ksd' }))).toEqual(['Ksd-personal']);
      expect(names(await items('access-templates', { active: false, areaId: economy.id }))).toEqual([]);
      await list('access-templates', { professionId: 'x' }).expect(400);
      await list('access-templates', { active: 'kanske' }).expect(400);
    });
  });

  describe('CSV exports', () => {
    const HEADERS: Record<(typeof RESOURCES)[number], string[]> = {
      'local-systems': [
        'Namn',
        'Ägare',
        'Utförs',
        'SCIM-adress',
        'SCIM-token finns',
        'Aktivt',
        'Roller',
        'Beskrivning',
      ],
      'system-roles': ['System', 'Roll', 'SCIM-grupp', 'Beskrivning'],
      'access-areas': ['Område', 'Verksamheter', 'Beskrivning'],
      'access-operations': [
        'Område',
        'Verksamhet',
        'Ansvarig chef',
        'Chefens VGR-ID',
        'Behörighetsmallar',
        'Beskrivning',
      ],
      professions: ['Yrkeskategori', 'Behörighetsmallar'],
      'access-templates': [
        'Område',
        'Verksamhet',
        'Behörighetsmall',
        'Aktiv',
        'Roller',
        'Yrkeskategorier',
        'Beskrivning',
      ],
    };

    it('exports every row of each grid with the header, BOM and semicolons, as the list has them', async () => {
      for (const resource of RESOURCES) {
        const res = await admin.get(`/api/${resource}/export`).expect(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
        expect(res.text.startsWith(BOM)).toBe(true);
        const [header, ...rows] = parseCsv(res.text.slice(1));
        expect(header).toEqual(HEADERS[resource]);
        const total = Number(
          /\/(\d+)$/.exec((await list(resource).expect(200)).headers['content-range'])![1],
        );
        expect(rows).toHaveLength(total);
        expect(rows.every((r) => r.length === header.length)).toBe(true);
      }
      const systems = parseCsv((await admin.get('/api/local-systems/export').expect(200)).text.slice(1));
      expect(systems).toContainEqual([
        'AD-grupper VGR',
        'Koncernstab digitalisering',
        'SCIM',
        'http://127.0.0.1:9/scim/v2',
        'Ja',
        'Ja',
        '3',
        'Regionens grupper i katalogtjänsten, som styr åtkomst till gemensamma IT-tjänster.',
      ]);
      const templates = parseCsv(
        (
          await admin
            .get('/api/access-templates/export')
            .query({ filter: JSON.stringify({ q: 'Ksd' }) })
            .expect(200)
        ).text.slice(1),
      );
      expect(templates).toEqual([
        HEADERS['access-templates'],
        [
          'Plattformer och infrastruktur',
          'Identitet och behörighet',
          'Ksd-personal',
          'Ja',
          'AD-grupper VGR: Behörighetsadministratör, AD-grupper VGR: Supportverktyg, Behörighetsadministration KIV: Behörighetshandläggare',
          'Supportspecialist Behörighetsteamet, Systemförvaltare',
          'Behörighetsteamets verktyg för att administrera och felsöka behörigheter.',
        ],
      ]);
    });
  });

  describe('who may', () => {
    it('answers 403 to everyone but administrators, reads included, and writes nothing', async () => {
      const before = await eventCount();
      const melior = await one('local-systems', { q: 'Melior' });
      for (const resource of RESOURCES) {
        await eriho2.get(`/api/${resource}`).expect(403);
        await eriho2.get(`/api/${resource}/export`).expect(403);
        await eriho2.get(`/api/${resource}/${melior.id}`).expect(403);
        await eriho2.post(`/api/${resource}`).send({ name: 'X' }).expect(403);
        await eriho2.put(`/api/${resource}/${melior.id}`).send({ name: 'X' }).expect(403);
        await eriho2.delete(`/api/${resource}/${melior.id}`).expect(403);
      }
      expect(await eventCount()).toBe(before);
    });
  });

  describe('the VMU assignment flag', () => {
    it('is set, changed and read on an assignment by administrators', async () => {
      const unit = (await items('care-units', { q: 'Vårdcentralen Solgläntan' }))[0];
      const catalogue = await items('assignments', { careUnitId: unit.id });
      const kvalitet = catalogue.find((a) => a.name === 'Kvalitetssäkring')!;
      const vob = catalogue.find((a) => a.name === 'VoB SJF')!;
      expect(kvalitet.requiresLocalAccess).toBe(true);
      expect(vob.requiresLocalAccess).toBe(false);
      const before = await eventCount();
      const set = await admin
        .put(`/api/assignments/${vob.id}`)
        .send({ requiresLocalAccess: true })
        .expect(200);
      expect(set.body.requiresLocalAccess).toBe(true);
      expect((await admin.get(`/api/assignments/${vob.id}`).expect(200)).body.requiresLocalAccess).toBe(true);
      const [event] = (await events('assignment', vob.id)).slice(-1);
      expect(event).toMatchObject({
        action: 'ASSIGNMENT_UPDATED',
        before: expect.objectContaining({ requiresLocalAccess: false }),
        after: expect.objectContaining({ requiresLocalAccess: true }),
      });
      await admin.put(`/api/assignments/${vob.id}`).send({ requiresLocalAccess: false }).expect(200);
      expect(await eventCount()).toBe(before + 2);
      const bad = await admin
        .put(`/api/assignments/${vob.id}`)
        .send({ requiresLocalAccess: 'ja' })
        .expect(400);
      expect(bad.body.errors).toEqual({ requiresLocalAccess: ['måste vara sant eller falskt'] });
      const created = await admin
        .post('/api/assignments')
        .send({
          hsaId: 'SE2321000131-F000000099901',
          careUnitId: unit.id,
          name: 'Registeruttag',
          purpose: 'QUALITY_ASSURANCE',
          kind: 'SPECIAL',
          requiresLocalAccess: true,
        })
        .expect(201);
      expect(created.body.requiresLocalAccess).toBe(true);
      const plain = await admin
        .post('/api/assignments')
        .send({
          hsaId: 'SE2321000131-F000000099902',
          careUnitId: unit.id,
          name: 'Registeruttag 2',
          purpose: 'QUALITY_ASSURANCE',
          kind: 'SPECIAL',
        })
        .expect(201);
      expect(plain.body.requiresLocalAccess).toBe(false);
      await eriho2.put(`/api/assignments/${vob.id}`).send({ requiresLocalAccess: true }).expect(403);
    });
  });
});
