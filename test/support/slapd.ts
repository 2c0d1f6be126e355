import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A real OpenLDAP server for tests: Debian's `slapd` (package slapd; `ldapadd` from ldap-utils),
 * started on a free port of 127.0.0.1 with a throwaway configuration and database in a temporary
 * directory, the standard core/cosine/inetorgperson schemas and the HSA-like schema of
 * test/ldap/hsa.schema. It can be stopped and started again on the same port with its data (an
 * outage), loaded with LDIF through `ldapadd`, and is removed with its directory on `stop()`.
 *
 * The tree's root is `dc=kiv,dc=test` (an organisation entry made at start); the rootdn
 * `cn=admin,dc=kiv,dc=test` with password `secret` may read and write everything, and the
 * service account `cn=beh,dc=kiv,dc=test` (password `beh-secret`) is what BEH binds as: it reads
 * everything and writes only `hsaCommissionMember`.
 */

export const SLAPD_BIN = '/usr/sbin/slapd';
const LDAPADD_BIN = '/usr/bin/ldapadd';
const SLAPADD_BIN = '/usr/sbin/slapadd';
const SCHEMA_DIR = '/etc/ldap/schema';
// test/ldap/hsa.schema, from test/support (jest) or from dist/test/support (a compiled benchmark).
const HSA_SCHEMA = [
  path.resolve(import.meta.dirname, '../ldap/hsa.schema'),
  path.resolve(import.meta.dirname, '../../../test/ldap/hsa.schema'),
].find((candidate) => existsSync(candidate)) as string;
const run = promisify(execFile);

export const LDAP_BASE_DN = 'dc=kiv,dc=test';
export const LDAP_ROOT_DN = `cn=admin,${LDAP_BASE_DN}`;
export const LDAP_ROOT_PASSWORD = 'secret';
export const LDAP_BEH_DN = `cn=beh,${LDAP_BASE_DN}`;
export const LDAP_BEH_PASSWORD = 'beh-secret';

export interface RunningSlapd {
  /** ldap://127.0.0.1:<port> */
  url: string;
  port: number;
  baseDn: string;
  /** The temporary directory holding the configuration and the database. */
  dir: string;
  /** Adds the LDIF's entries (or applies its changetype records) as the rootdn, through ldapadd. */
  load(ldif: string): Promise<void>;
  /** Stops the server, keeping its data: `start()` brings it back on the same port (an outage). */
  pause(): Promise<void>;
  /** Starts a paused server again. */
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

export interface SlapdOptions {
  /** Extra slapd.conf lines for the database section (say, more indexes for a benchmark). */
  databaseConfig?: string[];
  /** Extra slapd.conf lines for the global section (say, TLSCertificateFile). */
  globalConfig?: string[];
  /** Extra URLs to listen on besides ldap://127.0.0.1:<port>/ (say, ldaps://127.0.0.1:<p>/). */
  extraUrls?: string[];
  /**
   * An LDIF file loaded offline with `slapadd -q` before the first start, after the root entries:
   * how a benchmark fills a directory of a region's size in seconds instead of minutes.
   */
  preloadLdif?: string;
}

/** Whether slapd is installed (the tests need it; .ci/run installs it). */
export function slapdInstalled(): boolean {
  return existsSync(SLAPD_BIN) && existsSync(LDAPADD_BIN) && existsSync(path.join(SCHEMA_DIR, 'core.schema'));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function config(dir: string, options: SlapdOptions): string {
  return [
    `include ${SCHEMA_DIR}/core.schema`,
    `include ${SCHEMA_DIR}/cosine.schema`,
    `include ${SCHEMA_DIR}/inetorgperson.schema`,
    `include ${HSA_SCHEMA}`,
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'sizelimit unlimited',
    ...(options.globalConfig ?? []),
    '',
    'database mdb',
    'maxsize 4294967296',
    `suffix "${LDAP_BASE_DN}"`,
    `rootdn "${LDAP_ROOT_DN}"`,
    `rootpw ${LDAP_ROOT_PASSWORD}`,
    `directory ${dir}/data`,
    'index objectClass eq',
    'index hsaIdentity eq',
    'index entryCSN,entryUUID eq',
    'index modifyTimestamp eq',
    'limits * size=unlimited time=unlimited',
    // BEH's account reads everything and writes only commission membership.
    `access to attrs=hsaCommissionMember by dn.exact="${LDAP_BEH_DN}" write by * read`,
    `access to attrs=userPassword by self read by anonymous auth by * none`,
    `access to * by dn.exact="${LDAP_BEH_DN}" read by * none`,
    ...(options.databaseConfig ?? []),
    '',
  ].join('\n');
}

const ROOT_LDIF = `dn: ${LDAP_BASE_DN}
objectClass: dcObject
objectClass: organization
dc: kiv
o: KIV test

dn: ${LDAP_BEH_DN}
objectClass: person
objectClass: simpleSecurityObject
cn: beh
sn: BEH
userPassword: ${LDAP_BEH_PASSWORD}
`;

export async function startSlapd(options: SlapdOptions = {}): Promise<RunningSlapd> {
  if (!slapdInstalled()) {
    throw new Error('slapd is not installed: apt-get install -y slapd ldap-utils (.ci/run does this)');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beh-slapd-'));
  await mkdir(path.join(dir, 'data'));
  const conf = path.join(dir, 'slapd.conf');
  await writeFile(conf, config(dir, options));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    const urls = [`ldap://127.0.0.1:${port}/`, ...(options.extraUrls ?? [])].join(' ');
    // -d 0: stay in the foreground (a child of the tests, ended with them), log nothing.
    child = spawn(SLAPD_BIN, ['-f', conf, '-h', urls, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${output}`);
      try {
        await run('/usr/bin/ldapsearch', ['-x', '-H', url, '-s', 'base', '-b', '', '1.1'], { timeout: 2000 });
        return;
      } catch {
        if (Date.now() - started > 15_000) throw new Error(`slapd did not answer on ${url}: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  const halt = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 5000).unref();
    });
  };

  const load = async (ldif: string): Promise<void> => {
    const file = path.join(dir, `load-${Date.now()}-${Math.random().toString(36).slice(2)}.ldif`);
    await writeFile(file, ldif);
    try {
      await run(LDAPADD_BIN, ['-x', '-H', url, '-D', LDAP_ROOT_DN, '-w', LDAP_ROOT_PASSWORD, '-f', file], {
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`ldapadd failed: ${e.stderr ?? e.message}`, { cause: error });
    } finally {
      await rm(file, { force: true });
    }
  };

  if (options.preloadLdif !== undefined) {
    const root = path.join(dir, 'root.ldif');
    await writeFile(root, ROOT_LDIF);
    for (const file of [root, options.preloadLdif]) {
      try {
        await run(SLAPADD_BIN, ['-q', '-f', conf, '-l', file], { maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const e = error as { stderr?: string; message: string };
        throw new Error(`slapadd of ${file} failed: ${e.stderr ?? e.message}`, { cause: error });
      }
    }
    await start();
  } else {
    await start();
    await load(ROOT_LDIF);
  }
  return {
    url,
    port,
    baseDn: LDAP_BASE_DN,
    dir,
    load,
    pause: halt,
    start,
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
