import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { loadDirectoryConfig } from '../../server/src/config/directory.config.js';
import { withLdap } from '../../server/src/directory/ldap/ldap-client.js';
import { makeTestTls, type TestTls } from '../ldap/tls.js';
import { freePort, LDAP_BEH_DN, LDAP_BEH_PASSWORD, type RunningSlapd, startSlapd } from '../support/slapd.js';

/**
 * BEH talks to KIV over TLS (issue 15, point 1): StartTLS on ldap:// and ldaps://, the server
 * trusted through LDAP_CA_FILE; without that CA the connection is refused, never made in clear.
 */
describe('LDAP over TLS', () => {
  let tls: TestTls;
  let slapd: RunningSlapd;
  let ldapsUrl: string;

  const settings = (env: Record<string, string>) =>
    loadDirectoryConfig({
      DIRECTORY_SOURCE: 'ldap',
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: 'dc=kiv,dc=test',
      LDAP_TIMEOUT_SECONDS: '5',
      ...env,
    }).ldap!;
  const whoAmI = (env: Record<string, string>) =>
    withLdap(settings(env), async (client) => {
      const { searchEntries } = await client.search('dc=kiv,dc=test', { scope: 'base', attributes: ['dc'] });
      return searchEntries[0]?.dc;
    });

  beforeAll(async () => {
    tls = await makeTestTls();
    const port = await freePort();
    ldapsUrl = `ldaps://127.0.0.1:${port}`;
    slapd = await startSlapd({ globalConfig: tls.slapdConfig, extraUrls: [`${ldapsUrl}/`] });
  });

  afterAll(async () => {
    await slapd?.stop();
    if (tls) await rm(tls.dir, { recursive: true, force: true });
  });

  it('upgrades ldap:// with StartTLS, trusting the server through LDAP_CA_FILE', async () => {
    expect(await whoAmI({ LDAP_URL: slapd.url, LDAP_STARTTLS: 'true', LDAP_CA_FILE: tls.caFile })).toBe(
      'kiv',
    );
  });

  it('speaks ldaps://, trusting the server through LDAP_CA_FILE', async () => {
    expect(await whoAmI({ LDAP_URL: ldapsUrl, LDAP_CA_FILE: tls.caFile })).toBe('kiv');
  });

  it('refuses a server its CA does not vouch for', async () => {
    await expect(whoAmI({ LDAP_URL: ldapsUrl })).rejects.toThrow();
    await expect(whoAmI({ LDAP_URL: slapd.url, LDAP_STARTTLS: 'true' })).rejects.toThrow();
  });
});
