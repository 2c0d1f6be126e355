import { Client } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { LdapSettings } from '../../config/directory.config.js';

/** TLS options for ldaps:// and StartTLS: the configured CA (LDAP_CA_FILE) or the system's. */
function tlsOptions(settings: LdapSettings): ConnectionOptions {
  return settings.caCertificate ? { ca: [settings.caCertificate] } : {};
}

/**
 * A client bound as BEH's service account (LDAP_BIND_DN), over TLS when configured: ldaps://, or
 * ldap:// upgraded with StartTLS before the bind so the password never travels in clear. The
 * caller unbinds it when done. Used by the sync (reads) and the write-back (commission members).
 */
export async function openLdap(settings: LdapSettings): Promise<Client> {
  const client = new Client({
    url: settings.url,
    timeout: settings.timeoutMs,
    connectTimeout: settings.timeoutMs,
    tlsOptions: settings.url.startsWith('ldaps:') ? tlsOptions(settings) : undefined,
    strictDN: false,
  });
  try {
    if (settings.startTls) await client.startTLS(tlsOptions(settings));
    await client.bind(settings.bindDn, settings.password);
    return client;
  } catch (error) {
    await client.unbind().catch(() => undefined);
    throw error;
  }
}

/** Runs `work` with a bound client and unbinds it afterwards, whatever happens. */
export async function withLdap<T>(settings: LdapSettings, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await openLdap(settings);
  try {
    return await work(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
