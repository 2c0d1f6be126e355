/**
 * The test directory for `DIRECTORY_SOURCE=ldap npm start` (README, Directory source): starts
 * Debian's slapd on a free port of 127.0.0.1 holding test/ldap/demo.ldif (the demo seed's
 * directory as KIV would hold it), prints the settings to start BEH with, and runs until Ctrl-C.
 *
 *   npm run build:server && node dist/test/ldap/demo-slapd.js
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LDAP_BEH_DN, LDAP_BEH_PASSWORD, startSlapd } from '../support/slapd.js';

const DEMO_LDIF = [
  path.resolve(import.meta.dirname, 'demo.ldif'),
  path.resolve(import.meta.dirname, '../../../test/ldap/demo.ldif'),
].find((candidate) => existsSync(candidate));
if (!DEMO_LDIF) throw new Error('test/ldap/demo.ldif not found');

const slapd = await startSlapd({ preloadLdif: DEMO_LDIF });
console.log(`The demo directory answers on ${slapd.url}. Start BEH against it with:

  DIRECTORY_SOURCE=ldap LDAP_URL=${slapd.url} LDAP_BASE_DN=${slapd.baseDn} \\
  LDAP_BIND_DN='${LDAP_BEH_DN}' LDAP_PASSWORD=${LDAP_BEH_PASSWORD} npm start

Ctrl-C stops it and removes its data.`);
const stop = () => void slapd.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
