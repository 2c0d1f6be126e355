/**
 * bench:ldap-sync (issue 15, Scale): a region's KIV in a real slapd, synced into PostgreSQL by the
 * application's own DirectorySyncService, as the scheduler or "Synka nu" runs it.
 *
 *   npm run bench:ldap-sync                  an embedded PostgreSQL in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench:ldap-sync   a throwaway database on that server
 *
 * 1. The region (test/bench/ldap-directory.ts: 60,000 persons with 66,000 engagements, 1,500 units,
 *    10,000 commissions with up to 500 members) is written as LDIF and loaded into slapd offline.
 * 2. A full sync into a fresh, migrated database with no directory: everything is created.
 * 3. A second full sync: nothing changed, every entry read and compared.
 * 4. 100 changes in LDAP (names, titles, end dates of engagements, commission members, a unit's
 *    head), then an incremental sync.
 * Targets: full ≤ 2 minutes, incremental with 100 changes ≤ 5 s.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Client, Change, Attribute } from 'ldapts';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { DirectorySyncService } from '../../server/src/directory/ldap/directory-sync.service.js';
import { migrateAndSeed } from '../support/db-utils.js';
import {
  LDAP_BEH_DN,
  LDAP_BEH_PASSWORD,
  LDAP_ROOT_DN,
  LDAP_ROOT_PASSWORD,
  startSlapd,
} from '../support/slapd.js';
import { adminSql, sql } from './bench-database.js';
import { BENCH_LIMITS } from './bench-limits.js';
import { LDAP_REGION, personHsaId, writeLdapRegion } from './ldap-directory.js';
import { withDatabase } from '../../server/src/database/database-url.js';
import { startEmbeddedPostgres } from '../../server/src/database/embedded-postgres.js';
import { mkdtempSync } from 'node:fs';
import { freePort } from '../support/slapd.js';

const TARGET_FULL_S = 120;
const TARGET_INCREMENTAL_S = 5;
const CHANGES = 100;

const t0 = performance.now();
const phase = (what: string) =>
  console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${what}`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
} catch {
  // Not a checkout.
}
console.log(
  `bench:ldap-sync at ${commit} on ${os.cpus().length} cores, node ${process.version}; ` +
    `targets: full ≤ ${TARGET_FULL_S} s, incremental with ${CHANGES} changes ≤ ${TARGET_INCREMENTAL_S} s`,
);

const work = await mkdtemp(path.join(os.tmpdir(), 'beh-ldap-bench-'));
const file = path.join(work, 'region.ldif');
const region = await writeLdapRegion(file);
phase(
  `LDIF: ${region.entries.toLocaleString('sv-SE')} entries (${LDAP_REGION.persons.toLocaleString('sv-SE')} persons, ` +
    `${region.engagements.toLocaleString('sv-SE')} engagements, ${LDAP_REGION.units.toLocaleString('sv-SE')} units, ` +
    `${LDAP_REGION.commissions.toLocaleString('sv-SE')} commissions with ${region.memberships.toLocaleString('sv-SE')} memberships), ` +
    `${((await stat(file)).size / 1e6).toFixed(1)} MB`,
);
const slapd = await startSlapd({ preloadLdif: file });
phase(`slapd filled offline (slapadd) and started at ${slapd.url}`);

// A throwaway database, migrated, with no directory of its own: the first sync creates it all.
let serverUrl = process.env.DATABASE_URL;
let stopEmbedded: (() => Promise<void>) | undefined;
if (!serverUrl) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beh-bench-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  stopEmbedded = embedded.stop;
  serverUrl = embedded.adminUrl;
}
const name = `beh_bench_ldap_${process.pid}`;
await adminSql(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
await adminSql(serverUrl, `CREATE DATABASE ${name}`);
const databaseUrl = withDatabase(serverUrl, name);
await migrateAndSeed(databaseUrl, { seed: false });
phase(`database ${name} migrated (no directory)`);

let app: INestApplication | undefined;
try {
  const config = loadConfig({
    ...BENCH_LIMITS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    UI_DIR: '',
    SEED_ON_EMPTY: 'false',
    SCHEDULER_ENABLED: 'false',
    SMTP_URL: 'smtp://127.0.0.1:9',
    DIRECTORY_SOURCE: 'ldap',
    LDAP_URL: slapd.url,
    LDAP_BIND_DN: LDAP_BEH_DN,
    LDAP_PASSWORD: LDAP_BEH_PASSWORD,
    LDAP_BASE_DN: slapd.baseDn,
    LDAP_TIMEOUT_SECONDS: '600',
  });
  app = await createApp(config, databaseUrl);
  await app.init();
  const sync = app.get(DirectorySyncService);
  const counts = async () =>
    (
      await sql(
        databaseUrl,
        `SELECT (SELECT count(*) FROM person)::int AS persons, (SELECT count(*) FROM engagement)::int AS engagements,
                (SELECT count(*) FROM care_unit)::int AS units, (SELECT count(*) FROM assignment)::int AS commissions,
                (SELECT count(*) FROM ldap_commission_member)::int AS members,
                (SELECT count(*) FROM held_assignment)::int AS "holdings adopted",
                (SELECT count(*) FROM directory_drift WHERE resolved_at IS NULL)::int AS "open drift"`,
      )
    ).rows[0] as Record<string, number>;

  const timed = async (label: string, kind: 'FULL' | 'INCREMENTAL') => {
    const started = performance.now();
    const outcome = await sync.run('MANUAL', kind);
    const ms = performance.now() - started;
    if (!outcome) throw new Error(`${label}: another sync held the lock`);
    console.log(
      `${label}: ${seconds(ms)} s — ${JSON.stringify({
        status: outcome.status,
        read: outcome.read,
        created: outcome.created,
        changed: outcome.changed,
        inactivated: outcome.inactivated,
        errors: outcome.errors.length,
      })}`,
    );
    if (outcome.errors.length > 0)
      console.log(`  first errors: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    return ms;
  };

  const full = await timed('full sync into an empty database', 'FULL');
  console.log(`  in the database: ${JSON.stringify(await counts())}`);
  const again = await timed('second full sync, nothing changed', 'FULL');

  // 100 changes, a second after the last run (modifyTimestamp has whole seconds).
  await new Promise((r) => setTimeout(r, 1100));
  const ldap = new Client({ url: slapd.url });
  await ldap.bind(LDAP_ROOT_DN, LDAP_ROOT_PASSWORD);
  const changedAt = performance.now();
  for (let k = 0; k < CHANGES; k++) {
    const person = 1_000 + k * 577;
    const dn = region.personDn(person);
    if (k % 4 === 0) {
      await ldap.modify(
        dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'sn', values: [`Ändrad${k}`] }),
        }),
      );
    } else if (k % 4 === 1) {
      await ldap.modify(
        dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'title', values: ['Överläkare'] }),
        }),
      );
    } else if (k % 4 === 2) {
      const { searchEntries } = await ldap.search(dn, {
        scope: 'one',
        filter: '(objectClass=hsaEngagement)',
        attributes: ['dn'],
      });
      await ldap.modify(
        searchEntries[0].dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'hsaEndDate', values: ['20261231'] }),
        }),
      );
    } else {
      await ldap.modify(
        region.commissionDn(k * 97),
        new Change({
          operation: 'add',
          modification: new Attribute({ type: 'hsaCommissionMember', values: [personHsaId(person)] }),
        }),
      );
    }
  }
  await ldap.unbind();
  phase(`${CHANGES} changes written to LDAP in ${seconds(performance.now() - changedAt)} s`);
  const incremental = await timed(`incremental sync after ${CHANGES} changes`, 'INCREMENTAL');

  console.log('');
  console.log(
    `full sync: ${seconds(full)} s (target ≤ ${TARGET_FULL_S} s)${full / 1000 > TARGET_FULL_S ? '  !! over target' : ''}`,
  );
  console.log(`second full sync (no changes): ${seconds(again)} s`);
  console.log(
    `incremental sync, ${CHANGES} changes: ${seconds(incremental)} s (target ≤ ${TARGET_INCREMENTAL_S} s)` +
      `${incremental / 1000 > TARGET_INCREMENTAL_S ? '  !! over target' : ''}`,
  );
} finally {
  await app?.close();
  await slapd.stop();
  await adminSql(serverUrl, `DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
  await stopEmbedded?.();
  await rm(work, { recursive: true, force: true });
  phase('done');
}
