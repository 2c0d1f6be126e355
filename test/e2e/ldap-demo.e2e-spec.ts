import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DirectorySyncService } from '../../server/src/directory/ldap/directory-sync.service.js';
import { demoLdif } from '../ldap/demo-ldif.js';
import { signIn } from '../support/sign-in.js';
import { LDAP_BEH_DN, LDAP_BEH_PASSWORD, type RunningSlapd, startSlapd } from '../support/slapd.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DEMO_LDIF = path.resolve(import.meta.dirname, '../ldap/demo.ldif');

/**
 * `DIRECTORY_SOURCE=ldap npm start` against the test directory (README, Directory source):
 * test/ldap/demo.ldif is the demo seed's directory as KIV would hold it; synced into a seeded
 * database it is reported clean, nothing becomes inactive, and the personas sign in.
 */
describe('the demo directory in LDAP', () => {
  let slapd: RunningSlapd;
  let t: TestApp;

  beforeAll(async () => {
    slapd = await startSlapd();
    t = await createTestApp({
      DIRECTORY_SOURCE: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: slapd.baseDn,
    });
  });

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  it('test/ldap/demo.ldif is the seed’s directory (UPDATE_DEMO_LDIF=1 rewrites it)', async () => {
    const ldif = demoLdif();
    if (process.env.UPDATE_DEMO_LDIF === '1') await writeFile(DEMO_LDIF, ldif);
    expect(await readFile(DEMO_LDIF, 'utf8')).toBe(ldif);
  });

  it('synced into the seeded database: no broken entry, nothing created or inactivated; the personas sign in', async () => {
    await slapd.load(await readFile(DEMO_LDIF, 'utf8'));
    const outcome = await t.app.get(DirectorySyncService).run('MANUAL', 'FULL');
    expect(outcome).toMatchObject({ status: 'DONE', errors: [], created: 0, inactivated: 0 });
    const [{ without }] = await t.dataSource.query<{ without: number }[]>(
      `SELECT count(*)::int AS without FROM engagement WHERE hsa_id IS NULL`,
    );
    expect(without).toBe(0);
    const again = await t.app.get(DirectorySyncService).run('MANUAL', 'FULL');
    expect(again).toMatchObject({ status: 'DONE', errors: [], created: 0, changed: 0, inactivated: 0 });

    const karin = await signIn(t, 'karlu1');
    const me = (await karin.get('/api/me').expect(200)).body as Record<string, unknown>;
    expect(JSON.stringify(me)).toContain('Karin');
    const admin = await signIn(t, 'admin1');
    await admin.get('/api/persons?filter={"q":"Lund"}').expect(200);
  });
});
