import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { GENERATED_STAFF, seedDemo } from '../../server/src/seed/demo-seed.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshot = async () =>
    t.dataSource.query(`
      SELECT (SELECT json_agg(p ORDER BY p.id) FROM person p) AS persons,
             (SELECT json_agg(c ORDER BY c.id) FROM care_unit c) AS units,
             (SELECT json_agg(e ORDER BY e.id) FROM engagement e) AS engagements,
             (SELECT json_agg(h ORDER BY h.id) FROM held_assignment h) AS held,
             (SELECT json_agg(d ORDER BY d.id) FROM delegation d) AS delegations,
             (SELECT json_agg(e ORDER BY e.id) FROM audit_event e WHERE e.entity_type = 'delegation') AS delegation_events`);

  it('holds exactly the personas of domain.md with their ids', async () => {
    const rows = (await t.dataSource.query(
      `SELECT user_id, hsa_id, first_name, last_name FROM person WHERE hsa_id LIKE 'SE2321000131-P0000000001%' OR user_id = 'admin1' ORDER BY hsa_id`,
    )) as { user_id: string; hsa_id: string; first_name: string; last_name: string }[];
    expect(rows.map((r) => [r.user_id, r.hsa_id, `${r.first_name} ${r.last_name}`])).toEqual(
      PERSONAS.map((p) => [p.userId, p.hsaId, `${p.firstName} ${p.lastName}`]).sort((a, b) =>
        a[1].localeCompare(b[1]),
      ),
    );
  });

  it('has enough generated staff over enough administrations and units, each unit with its catalogue', async () => {
    const [counts] = (await t.dataSource.query(`
      SELECT (SELECT count(*)::int FROM person) AS persons,
             (SELECT count(DISTINCT c.administration_id)::int FROM engagement e JOIN care_unit c ON c.id = e.care_unit_id) AS administrations,
             (SELECT count(*)::int FROM care_unit) AS units,
             (SELECT count(*)::int FROM care_unit c WHERE
                (SELECT array_agg(name ORDER BY name) FROM assignment a WHERE a.care_unit_id = c.id)
                = ARRAY['Administration Spärr & Logg','Kvalitetssäkring','Statistik VE','VoB SJF']::varchar[]) AS units_with_catalogue,
             (SELECT count(*)::int FROM care_unit WHERE head_of_unit_id IS NULL) AS headless`)) as Record<
      string,
      number
    >[];
    expect(counts.persons).toBe(PERSONAS.length + GENERATED_STAFF);
    expect(counts.administrations).toBeGreaterThanOrEqual(3);
    expect(counts.units).toBeGreaterThanOrEqual(8);
    expect(counts.units_with_catalogue).toBe(counts.units);
    expect(counts.headless).toBe(0);
  });

  it('gives the personas their roles in the directory', async () => {
    const heads = (await t.dataSource.query(
      `SELECT c.name FROM care_unit c JOIN person p ON p.id = c.head_of_unit_id WHERE p.user_id = 'karlu1' ORDER BY c.name`,
    )) as { name: string }[];
    expect(heads.map((h) => h.name)).toEqual(['Avdelning 12 Medicin', 'Vårdcentralen Solgläntan']);
    const [majoh6] = (await t.dataSource.query(
      `SELECT bool_or(e.valid_to IS NULL OR e.valid_to >= current_date) AS active FROM engagement e JOIN person p ON p.id = e.person_id WHERE p.user_id = 'majoh6'`,
    )) as { active: boolean }[];
    expect(majoh6.active).toBe(false);
    const [ahmal7] = (await t.dataSource.query(
      `SELECT personnummer, passport_number FROM person WHERE user_id = 'ahmal7'`,
    )) as { personnummer: string | null; passport_number: string }[];
    expect(ahmal7).toEqual({ personnummer: null, passport_number: 'PA1234567' });
    const [petny8] = (await t.dataSource.query(`
      SELECT cp.kind FROM person p JOIN engagement e ON e.person_id = p.id JOIN care_unit c ON c.id = e.care_unit_id
      JOIN administration a ON a.id = c.administration_id JOIN care_provider cp ON cp.id = a.care_provider_id
      WHERE p.user_id = 'petny8'`)) as { kind: string }[];
    expect(petny8.kind).toBe('PRIVATE');
    const held = (await t.dataSource.query(`
      SELECT p.user_id, a.name FROM held_assignment h JOIN person p ON p.id = h.person_id JOIN assignment a ON a.id = h.assignment_id
      WHERE p.user_id IN ('nilbo4', 'linma5') ORDER BY 1`)) as { user_id: string; name: string }[];
    expect(held).toEqual([{ user_id: 'linma5', name: 'VoB SJF' }]);
  });

  it('holds the demo delegations: eriho2 orders and attests, sarbe3 attests, on Solgläntan and on Identitet och behörighet from karlu1', async () => {
    const rows = (await t.dataSource.query(`
      SELECT dp.user_id AS delegate, gp.user_id AS grantor, COALESCE(c.name, o.name) AS unit, d.may_order, d.may_attest,
             d.valid_from, d.valid_to, d.revoked_at,
             (SELECT count(*)::int FROM delegation_assignment da WHERE da.delegation_id = d.id) AS assignments,
             (SELECT array_agg(e.action) FROM audit_event e
               WHERE e.entity_type = 'delegation' AND e.entity_id = d.id::text) AS events
        FROM delegation d JOIN person dp ON dp.id = d.delegate_id JOIN person gp ON gp.id = d.grantor_id
        LEFT JOIN care_unit c ON c.id = d.care_unit_id LEFT JOIN access_operation o ON o.id = d.access_operation_id
       ORDER BY dp.user_id, 3 DESC`)) as Record<string, unknown>[];
    const common = {
      grantor: 'karlu1',
      unit: 'Vårdcentralen Solgläntan',
      valid_from: '2026-01-01',
      valid_to: null,
      revoked_at: null,
      assignments: 0,
      events: ['DELEGATION_CREATED'],
    };
    const operation = { ...common, unit: 'Identitet och behörighet' };
    expect(rows).toEqual([
      { delegate: 'eriho2', may_order: true, may_attest: true, ...common },
      { delegate: 'eriho2', may_order: true, may_attest: true, ...operation },
      { delegate: 'sarbe3', may_order: false, may_attest: true, ...common },
      { delegate: 'sarbe3', may_order: false, may_attest: true, ...operation },
    ]);
  });

  it('names karlu1 administrator of the manual systems Behörighetsadministration KIV and Infektionsverktyget', async () => {
    const rows = (await t.dataSource.query(`
      SELECT s.name AS system, s.fulfilment, p.user_id FROM system_administrator sa
        JOIN local_system s ON s.id = sa.system_id JOIN person p ON p.id = sa.person_id ORDER BY s.name`)) as unknown[];
    expect(rows).toEqual([
      { system: 'Behörighetsadministration KIV', fulfilment: 'MANUAL', user_id: 'karlu1' },
      { system: 'Infektionsverktyget', fulfilment: 'MANUAL', user_id: 'karlu1' },
    ]);
  });

  it('is idempotent: a second run inserts nothing and changes nothing', async () => {
    const before = await snapshot();
    const counts = await seedDemo(t.dataSource);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });
});
