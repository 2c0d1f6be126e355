import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The seams between the server's modules, checked on the source (docs/architecture.md explains
 * them): each table has one owning module and only that module's files name it in SQL; a module
 * imports only the modules it is allowed to talk to; and nothing, server or UI, imports in a circle.
 */

const root = path.resolve(import.meta.dirname, '../..');
const serverSrc = path.join(root, 'server/src');
const uiSrc = path.join(root, 'admin-ui/src');

/** Which module owns which table. A table the migrations create must be listed here. */
const OWNERS: Record<string, readonly string[]> = {
  directory: [
    'care_provider',
    'administration',
    'care_unit',
    'person',
    'engagement',
    'assignment',
    'held_assignment',
    'system_guide',
    'person_access_log',
    // Issue 15: KIV sync runs and the members each commission had at its last sync; the queue of
    // ended engagements the leavers job works through (filled by a trigger on engagement).
    'directory_sync_run',
    'ldap_commission_member',
    'leaver_due',
    // Issue 15, write back: the outbox of member writes to KIV and the drift the sync finds.
    'ldap_write',
    'directory_drift',
  ],
  auth: ['user_session', 'saml_request', 'auth_secret'],
  // Issue 17: the read-only auditors (Revisorer), a source of rights like the delegations; the stand-ins (Ersättare).
  delegations: ['delegation', 'delegation_assignment', 'rights_version', 'auditor', 'stand_in'],
  // Issue 11: the attest queue's stamp, appended to by triggers on the orders' and names' tables.
  orders: ['vmu_order', 'vmu_order_item', 'attest_queue_stamp'],
  'mass-orders': ['mass_order_batch'],
  signing: ['sign_request', 'signing_ca', 'signing_certificate'],
  // Issue 16: BEH's own signing service keeps each SignRequest it accepted until it is answered.
  'sign-service': ['sign_service_request'],
  // Issue 17: access reviews, their campaigns and the snapshot of holdings each reviews.
  reviews: ['review_campaign', 'review_item'],
  scheduler: ['scheduler_notice', 'scheduler_watermark'],
  mail: ['mail_outbox'],
  audit: ['audit_event', 'audit_chain_head', 'audit_checkpoint', 'audit_verify_run', 'audit_anchor'],
  limits: ['rate_limit'],
  'api-clients': ['api_client'],
  'access-catalogue': [
    'local_system',
    'system_role',
    'access_area',
    'access_operation',
    'profession',
    'access_template',
    'access_template_role',
    'access_template_profession',
    'system_administrator',
    'access_holding',
  ],
  // Carrying out access orders: each line's part per system, manual or over SCIM (its outbox).
  fulfilment: ['access_part'],
};

/**
 * Which modules a module may import (common/, config/ and database/ are open to all; the files
 * at server/src's top level wire everything together and may import anything). Acyclic, so
 * modules cannot import each other in a circle either.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  common: [],
  config: ['common'],
  database: ['common', 'config'],
  audit: ['mail'],
  mail: [],
  // Rate limits: reads who is signed in from common/auth; talks to no module.
  limits: [],
  health: [],
  // The OpenAPI description of every controller; it names the session cookie of the auth module.
  openapi: ['auth'],
  directory: ['audit'],
  // The access catalogue: a verksamhet's head is a person (the directory's published reads).
  'access-catalogue': ['directory', 'audit'],
  // A verksamhet's head and the systems a person administers are facts of the access catalogue.
  delegations: ['directory', 'access-catalogue', 'audit', 'mail'],
  auth: ['directory', 'delegations', 'api-clients'],
  // API clients: their table, and the audit log for their creation, revocation and every call.
  'api-clients': ['audit'],
  orders: ['directory', 'access-catalogue', 'delegations', 'audit', 'mail'],
  // Carrying out access orders: the orders it hands over and completes, the catalogue's systems
  // and holdings, the people involved, mail and audit.
  fulfilment: ['orders', 'access-catalogue', 'directory', 'delegations', 'audit', 'mail'],
  'mass-orders': ['orders', 'directory', 'delegations', 'audit', 'mail'],
  signing: ['directory', 'audit'],
  // BEH's own signing service: the IdP as the auth module knows it, the DSS messages and the
  // certificate issuing of the signing module.
  'sign-service': ['auth', 'signing'],
  attest: ['orders', 'signing', 'directory', 'access-catalogue', 'delegations', 'audit', 'mail'],
  // Access reviews: holdings in scope (directory; templates: access-catalogue), removals as revoke orders (orders), one
  // signature over the decisions (signing; the signed text's time format is attest's), mail, audit.
  reviews: ['orders', 'signing', 'directory', 'access-catalogue', 'delegations', 'attest', 'audit', 'mail'],
  scheduler: [
    'orders',
    'fulfilment',
    'delegations',
    'directory',
    'audit',
    'mail',
    'auth',
    'sign-service',
    'reviews',
  ],
  // Logs and metrics: the gauges read each module's data through that module's own functions.
  observability: ['mail', 'orders', 'signing', 'scheduler'],
  // The demo seed is a development tool that fills every module's tables with demo rows.
  seed: ['*'],
};
const OPEN_TO_ALL = new Set(['common', 'config', 'database']);

/**
 * Files that may name tables of another module, each with its reason. Kept short on purpose:
 * an entry here is a seam not yet closed, or a tool outside the running modules.
 */
const TABLE_ALLOW_LIST: { file: RegExp; reason: string }[] = [
  {
    file: /^seed\//,
    reason:
      'the demo seed writes fixed demo rows into every table; it runs only on an empty or demo database',
  },
  {
    file: /^database\//,
    reason: 'the database module lists every entity for TypeORM; it names no table in SQL',
  },
];

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, pattern);
    return pattern.test(name) ? [full] : [];
  });
}

/** Relative imports of a file, resolved to files (type-only imports included). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const base = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
      const candidates = [
        `${base}.ts`,
        `${base}.tsx`,
        path.join(base, 'index.ts'),
        path.join(base, 'index.tsx'),
      ];
      return candidates.find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
    })
    .filter((resolved): resolved is string => resolved !== undefined);
}

/** Circles in the import graph of `files`. */
const importCircles = (files: string[]): string[][] =>
  circlesOf(new Map(files.map((file) => [file, importsOf(file)]))).map((circle) =>
    circle.map((f) => path.relative(root, f)).sort(),
  );

/** The circles of a graph (Tarjan's strongly connected components of more than one node, or a self-loop). */
function circlesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = component.length === 1 && (graph.get(file) ?? []).includes(file);
      if (component.length > 1 || selfImport) circles.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

const moduleOf = (file: string): string => {
  const rel = path.relative(serverSrc, file);
  return rel.includes(path.sep) ? rel.split(path.sep)[0] : '(app)';
};

/** Tables the migrations leave in place (created and not dropped by a later migration's up()). */
function migratedTables(): string[] {
  const tables = new Set<string>();
  for (const file of filesUnder(path.join(root, 'migrations'), /^\d+-.*\.ts$/).sort()) {
    // Only up(): down() drops what up() made.
    const up = readFileSync(file, 'utf8').split(/async down\(/)[0];
    for (const [, name] of up.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)/g)) tables.add(name);
    for (const [, name] of up.matchAll(/DROP TABLE (?:IF EXISTS )?"?([a-z_]+)/g)) tables.delete(name);
  }
  return [...tables].sort();
}

const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|ONLY)\s+"?([a-z_]+)"?/g;

describe('module boundaries', () => {
  const serverFiles = filesUnder(serverSrc, /\.ts$/);
  const ownerOf = new Map(
    Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((t) => [t, module])),
  );

  it('gives every table of the migrations exactly one owning module', () => {
    const tables = migratedTables();
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((table) => !ownerOf.has(table))).toEqual([]);
    expect([...ownerOf.keys()].filter((table) => !tables.includes(table))).toEqual([]);
  });

  it('names a table in SQL only in the module that owns it', () => {
    const crossings: string[] = [];
    for (const file of serverFiles) {
      const rel = path.relative(serverSrc, file).split(path.sep).join('/');
      if (TABLE_ALLOW_LIST.some((entry) => entry.file.test(rel))) continue;
      const module = moduleOf(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(SQL_TABLE)) {
        const owner = ownerOf.get(match[1]);
        if (owner && owner !== module) {
          const line = source.slice(0, match.index).split('\n').length;
          crossings.push(`${rel}:${line} names ${match[1]} (owned by ${owner})`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it('imports only the modules a module may talk to', () => {
    const wrong: string[] = [];
    for (const file of serverFiles) {
      const from = moduleOf(file);
      if (from === '(app)') continue;
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        wrong.push(`${path.relative(root, file)}: module ${from} is not in the module map`);
        continue;
      }
      for (const target of importsOf(file)) {
        if (!target.startsWith(serverSrc)) continue;
        const to = moduleOf(target);
        if (to === from || OPEN_TO_ALL.has(to) || allowed.includes('*') || allowed.includes(to)) continue;
        wrong.push(`${path.relative(root, file)} imports ${path.relative(root, target)} (${from} → ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import circles in the server', () => {
    expect(importCircles(serverFiles)).toEqual([]);
  });

  it('has no import circles in the UI', () => {
    expect(importCircles(filesUnder(uiSrc, /\.tsx?$/))).toEqual([]);
  });

  it('finds a circle and a crossing when there is one (the check itself works)', () => {
    // Guard against a check that passes because it reads nothing.
    expect(serverFiles.length).toBeGreaterThan(100);
    expect(importsOf(path.join(serverSrc, 'app.module.ts')).length).toBeGreaterThan(5);
    const sample = "await m.query('UPDATE vmu_order SET status = $2 WHERE id = $1')";
    expect([...sample.matchAll(SQL_TABLE)].map((m) => m[1])).toEqual(['vmu_order']);
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
      ['e', ['e']],
    ]);
    expect(circlesOf(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });
});
