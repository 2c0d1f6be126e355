import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestTls {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** slapd.conf lines that make slapd serve TLS with this certificate. */
  slapdConfig: string[];
}

/**
 * A throwaway CA and a server certificate for 127.0.0.1 signed by it (openssl), for slapd's
 * StartTLS and ldaps:// in the tests: BEH must trust the server through LDAP_CA_FILE alone.
 */
export async function makeTestTls(): Promise<TestTls> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beh-ldap-tls-'));
  const f = (name: string) => path.join(dir, name);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=BEH test KIV CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
  ]);
  await writeFile(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
    '-out',
    f('server.pem'),
  ]);
  return {
    dir,
    caFile: f('ca.pem'),
    certFile: f('server.pem'),
    keyFile: f('server.key'),
    slapdConfig: [
      `TLSCACertificateFile ${f('ca.pem')}`,
      `TLSCertificateFile ${f('server.pem')}`,
      `TLSCertificateKeyFile ${f('server.key')}`,
    ],
  };
}
