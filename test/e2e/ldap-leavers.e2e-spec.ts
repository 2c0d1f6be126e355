import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DirectorySyncService } from '../../server/src/directory/ldap/directory-sync.service.js';
import { modify } from '../ldap/fixtures.js';
import { LDAP_BEH_DN, LDAP_BEH_PASSWORD, type RunningSlapd, startSlapd } from '../support/slapd.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { person, VOB_SOL } from './orders-support.js';
import { mails, setClock, tick } from './scheduler-support.js';

const DEMO_LDIF = path.resolve(import.meta.dirname, '../ldap/demo.ldif');
const TODAY = '2026-11-23';
const LINDA_HSA = 'SE2321000131-P000000000105';
const LINDA_ENGAGEMENT = `hsaIdentity=${LINDA_HSA}-G1,hsaIdentity=${LINDA_HSA},ou=Personal,dc=kiv,dc=test`;

/**
 * Leavers seen by the KIV sync (issue 15, Leavers and movers), against a real slapd holding the demo
 * directory: an end date written in KIV reaches the engagement through the sync, and the next tick
 * places the system's revoke of what the person holds at the unit, awaiting the head's attest, with
 * one summary mail to the head. The same job's rules in detail: leavers.e2e-spec.ts (embedded mode).
 */
describe('a leaver in KIV', () => {
  let slapd: RunningSlapd;
  let t: TestApp;

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.load(await readFile(DEMO_LDIF, 'utf8'));
    t = await createTestApp({
      DIRECTORY_SOURCE: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: slapd.baseDn,
    });
    setClock(t, TODAY);
    expect(await t.app.get(DirectorySyncService).run('MANUAL', 'FULL')).toMatchObject({
      status: 'DONE',
      errors: [],
    });
  });

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  it('an end date set in KIV ends the engagement at the next sync, and the tick places the revoke for the head to attest', async () => {
    // linma5 holds VoB SJF at Vårdcentralen Solgläntan (the demo's personas); her only engagement there ends.
    await slapd.load(modify(LINDA_ENGAGEMENT, 'hsaEndDate', '20261130'));
    expect(await t.app.get(DirectorySyncService).run('MANUAL', 'INCREMENTAL')).toMatchObject({
      status: 'DONE',
      errors: [],
    });
    const [engagement] = await t.dataSource.query<{ validTo: string }[]>(
      `SELECT to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM engagement WHERE hsa_id = $1`,
      [`${LINDA_HSA}-G1`],
    );
    expect(engagement.validTo).toBe('2026-11-30');

    await tick(t);
    const orders = await t.dataSource.query<
      { type: string; status: string; startDate: string; attestant: string; assignments: string[] }[]
    >(
      `SELECT o.type, o.status, to_char(o.start_date, 'YYYY-MM-DD') AS "startDate", a.user_id AS attestant,
              ARRAY(SELECT i.assignment_id::text FROM vmu_order_item i WHERE i.order_id = o.id) AS assignments
         FROM vmu_order o JOIN person a ON a.id = o.attestant_id
        WHERE o.placed_by_system AND o.end_user_id = $1`,
      [person('linma5')],
    );
    expect(orders).toEqual([
      {
        type: 'REVOKE',
        status: 'AWAITING_ATTEST',
        startDate: '2026-12-01',
        attestant: 'karlu1',
        assignments: [VOB_SOL],
      },
    ]);
    const summary = await mails(t, 'LEAVERS_SUMMARY');
    expect(summary).toHaveLength(1);
    expect(summary[0].to).toBe('karin.lund@vgr.example');
    expect(summary[0].text).toContain('Linda Maria Svensson (linma5)');

    // The next sync and tick change nothing more: no second order, no second mail.
    await t.app.get(DirectorySyncService).run('MANUAL', 'FULL');
    await tick(t);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM vmu_order WHERE placed_by_system`,
    );
    expect(n).toBe(1);
    expect(await mails(t, 'LEAVERS_SUMMARY')).toHaveLength(1);
  });
});
