import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CLIENT_SCOPES, type ClientScopeName } from '../../server/src/common/auth/policy.js';
import { Clock } from '../../server/src/common/clock.js';
import {
  accessAreaId,
  accessOperationId,
  accessTemplateId,
  localSystemId,
  professionId,
  systemRoleId,
} from '../../server/src/seed/demo-access-catalogue.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { AuditorsService } from '../../server/src/delegations/auditors.service.js';
import { newPerson, type PersonMade } from '../factories/index.js';
import { registeredRoutes } from '../support/routes.js';
import { createTestIdp, samlEnv } from '../support/saml-idp.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { federatedSigning } from '../support/federated-signing.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays } from './orders-support.js';

/**
 * Every route of the running application, called by every persona of domain.md, by an auditor
 * (Revisorer: a person made one in the setup, with no other role) and by no one.
 * A route with no row here fails the test: a new endpoint must state who may call it.
 * Bodies and ids are valid, so that the statuses tell about access, not about validation;
 * writes that are allowed use ids that do not exist (404) or create harmless rows.
 */

const STAFF = ['nilbo4', 'linma5', 'majoh6', 'ahmal7', 'petny8'] as const;
// Refused callers first, allowed ones last, so that what the allowed ones change is seen by nobody.
// The auditor reads some routes region-wide but changes nothing: among the refused callers.
const CALLERS = ['anonymous', ...STAFF, 'auditor', 'sarbe3', 'eriho2', 'karlu1', 'admin1'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

type Policy = 'public' | 'signedIn' | 'rightsHolder' | 'delegator' | 'administrator';
const ALLOWED: Record<Policy, readonly Caller[]> = {
  public: CALLERS,
  signedIn: CALLERS.filter((c) => c !== 'anonymous'),
  rightsHolder: ['admin1', 'karlu1', 'eriho2', 'sarbe3'],
  delegator: ['admin1', 'karlu1'],
  administrator: ['admin1'],
};

/** The status for each caller: `ok` for the allowed, 401 for no one, 403 for the rest. */
function statuses(policy: Policy, ok: number, overrides: Partial<Expected> = {}): Expected {
  const expected = {} as Expected;
  for (const caller of CALLERS) {
    if (ALLOWED[policy].includes(caller)) expected[caller] = ok;
    else expected[caller] = caller === 'anonymous' ? 401 : 403;
  }
  return { ...expected, ...overrides };
}

interface Row {
  /** `METHOD /api/path/:param`, exactly as express registered it. */
  route: string;
  expect: Expected;
  /** The concrete path to call (default: the route's path). */
  path?: string;
  /** The request body; a function gives each caller its own (so allowed writes do not collide). */
  body?: Record<string, unknown> | ((caller: Caller) => Record<string, unknown>);
  form?: Record<string, string>;
  /** The call replaces or ends the session: each caller makes it with a session of its own. */
  ownSession?: boolean;
  /**
   * The API-client scope that opens the route (a GET) and the status a client holding it gets
   * (it reads the whole region); every client without it, and every route without one, gets 403.
   */
  client?: { scope: ClientScopeName; status: number };
  /**
   * The route is marked `@AuditorReads` (a GET): the auditor reads it as the administrator does
   * and gets the administrator's status. Every other route answers the auditor as any signed-in
   * person without rights, but a write that is not public: 403 (the auditor changes nothing).
   */
  auditor?: true;
}

/** The auditor's expectations, from the rows' own (see Row.auditor). */
function withAuditor(row: Row): Row {
  const write = !row.route.startsWith('GET ');
  let status = row.expect.auditor;
  if (row.auditor) status = row.expect.admin1;
  // A write that needs a session (a signed-in person without rights is not answered 401 like
  // no one): refused to an auditor whatever the policy.
  else if (write && row.expect.anonymous === 401 && row.expect.petny8 !== 401) status = 403;
  return { ...row, expect: { ...row.expect, auditor: status } };
}

const MISSING = '00000000-0000-4000-8000-000000000000';
const id = {
  nilbo4: seedId('person:nilbo4'),
  solglantan: seedId('unit:solglantan'),
  norrby: seedId('unit:norrby'),
  vobSolglantan: seedId('assignment:solglantan:VoB SJF'),
  vobNorrby: seedId('assignment:norrby:VoB SJF'),
  vobAvd12: seedId('assignment:avd12:VoB SJF'),
  ahmal7: seedId('person:ahmal7'),
  karlu1: seedId('person:karlu1'),
  sarbe3: seedId('person:sarbe3'),
  system: seedId('system:Pascal:'),
  engagement: seedId('engagement:nilbo4:solglantan'),
  held: seedId('held:linma5:solglantan:VoB SJF'),
  administration: seedId('administration:NH'),
  provider: seedId('provider:vgr'),
  eriho2Delegation: seedId('delegation:eriho2:solglantan'),
  sarbe3Delegation: seedId('delegation:sarbe3:solglantan'),
  melior: localSystemId('Melior'),
  meliorReader: systemRoleId('Melior', 'Läsbehörighet journal'),
  platforms: accessAreaId('Plattformer och infrastruktur'),
  identity: accessOperationId('Identitet och behörighet'),
  nurse: professionId('Sjuksköterska'),
  ksd: accessTemplateId('Identitet och behörighet', 'Ksd-personal'),
};

/** The access catalogue's resources (issue 14): administrators only, reads and CSV included. */
function adminCrud(
  resource: string,
  existing: string,
  create: Record<string, unknown>,
  update: Record<string, unknown>,
) {
  return [
    ...crud(resource, existing, create, update).map((row) =>
      row.route.startsWith('GET') ? { ...row, expect: statuses('administrator', 200) } : row,
    ),
    { route: `GET /api/${resource}/export`, expect: statuses('administrator', 200) },
  ] satisfies Row[];
}

/** The directory's CRUD resources: reads for rights holders, writes for administrators. */
function crud(
  resource: string,
  existing: string,
  create: Record<string, unknown>,
  update: Record<string, unknown>,
) {
  return [
    { route: `GET /api/${resource}`, expect: statuses('rightsHolder', 200) },
    {
      route: `GET /api/${resource}/:id`,
      path: `/api/${resource}/${existing}`,
      expect: statuses('rightsHolder', 200),
    },
    { route: `POST /api/${resource}`, body: create, expect: statuses('administrator', 201) },
    {
      route: `PUT /api/${resource}/:id`,
      path: `/api/${resource}/${MISSING}`,
      body: update,
      expect: statuses('administrator', 404),
    },
    {
      route: `DELETE /api/${resource}/:id`,
      path: `/api/${resource}/${MISSING}`,
      expect: statuses('administrator', 404),
    },
  ] satisfies Row[];
}

/** A campaign over Solgläntan started before the table runs: karlu1 reviews it (issue 17). */
interface Review {
  campaignId: string;
  /** linma5's VoB SJF at Solgläntan, an item of karlu1's. */
  itemId: string;
}

/** The auditor of the matrix, and a person the administrator makes one in the table. */
interface AuditorIds {
  auditor: string;
  spare: string;
}

function table(today: string, auditorIds: AuditorIds, review: Review): Row[] {
  return tableRows(today, auditorIds, review).map(withAuditor);
}

function tableRows(today: string, auditorIds: AuditorIds, review: Review): Row[] {
  return [
    { route: 'GET /api/health', expect: statuses('public', 200) },
    { route: 'GET /api/health/live', expect: statuses('public', 200) },
    { route: 'GET /api/health/ready', expect: statuses('public', 200) },
    { route: 'GET /api/auth/csrf', expect: statuses('public', 200) },
    { route: 'GET /api/auth/methods', expect: statuses('public', 200) },
    { route: 'GET /api/auth/dev-users', expect: statuses('public', 200) },
    {
      route: 'POST /api/auth/dev-login',
      body: { userId: 'linma5' },
      ownSession: true,
      expect: statuses('public', 200),
    },
    { route: 'POST /api/auth/logout', ownSession: true, expect: statuses('public', 204) },
    { route: 'GET /api/auth/saml/metadata', expect: statuses('public', 200) },
    {
      route: 'GET /api/auth/saml/login',
      path: '/api/auth/saml/login?relayState=/',
      expect: statuses('public', 302),
    },
    // Public and without CSRF (the IdP posts it); a response that is not signed is refused with 401.
    {
      route: 'POST /api/auth/saml/acs',
      form: { SAMLResponse: 'bm90IFNBTUw=' },
      expect: statuses('public', 401),
    },
    // Public and without CSRF (the IdP posts it); a message that is not signed is refused with 400.
    {
      route: 'POST /api/auth/saml/slo',
      form: { SAMLRequest: 'bm90IFNBTUw=' },
      expect: statuses('public', 400),
    },
    { route: 'GET /api/me', expect: statuses('signedIn', 200) },

    ...crud(
      'persons',
      id.nilbo4,
      {
        hsaId: 'SE2321000131-P000000099999',
        userId: 'matrix1',
        passportNumber: 'PM1234567',
        firstName: 'Matris',
        lastName: 'Testsson',
      },
      { title: 'Testare' },
    ),
    {
      route: 'GET /api/persons/lookup',
      path: '/api/persons/lookup?hsaId=SE2321000131-P000000000104',
      expect: statuses('rightsHolder', 200),
      client: { scope: 'persons:lookup', status: 200 },
    },
    ...crud(
      'care-units',
      id.solglantan,
      { hsaId: 'SE2321000131-E000000099999', name: 'Matrisenheten', administrationId: id.administration },
      { name: 'Matrisenheten 2' },
    ),
    ...crud(
      'assignments',
      id.vobSolglantan,
      {
        hsaId: 'SE2321000131-F000000099999',
        careUnitId: id.norrby,
        name: 'Matrisuppdrag',
        purpose: 'STATISTICS',
        kind: 'SPECIAL',
      },
      { name: 'Matrisuppdrag 2' },
    ),
    ...crud(
      'engagements',
      id.engagement,
      { personId: id.nilbo4, careUnitId: id.norrby, costCentre: 'N42200', validFrom: '2026-01-01' },
      { title: 'Testare' },
    ),
    // Holdings are read like the rest of the directory, but change only when an attested order is
    // carried out: every write is refused with 405 to whoever may read them, even an administrator.
    {
      route: 'GET /api/held-assignments',
      expect: statuses('rightsHolder', 200),
      client: { scope: 'holdings:read', status: 200 },
      auditor: true,
    },
    {
      route: 'GET /api/held-assignments/:id',
      path: `/api/held-assignments/${id.held}`,
      expect: statuses('rightsHolder', 200),
      client: { scope: 'holdings:read', status: 200 },
      auditor: true,
    },
    {
      route: 'POST /api/held-assignments',
      body: { personId: id.nilbo4, assignmentId: id.vobNorrby, validFrom: '2026-01-01' },
      expect: statuses('rightsHolder', 405),
    },
    ...(['PUT', 'PATCH', 'DELETE'] as const).map((method) => ({
      route: `${method} /api/held-assignments/:id`,
      path: `/api/held-assignments/${id.held}`,
      body: { validTo: '2030-01-01' },
      expect: statuses('rightsHolder', 405),
    })),
    ...crud(
      'administrations',
      id.administration,
      { code: 'MTX', name: 'Matrisförvaltningen', careProviderId: id.provider },
      { name: 'Matrisförvaltningen 2' },
    ),
    ...crud(
      'care-providers',
      id.provider,
      { hsaId: 'SE5560000000-E000000000001', name: 'Matris AB', kind: 'PRIVATE' },
      { name: 'Matris AB 2' },
    ),
    // The systems guide is read by anyone signed in; written by administrators.
    ...crud(
      'systems',
      id.system,
      { systemName: 'Matrissystemet', purpose: 'STATISTICS', assignmentName: 'Statistik VE' },
      { note: 'x' },
    ).map((row) => (row.route.startsWith('GET') ? { ...row, expect: statuses('signedIn', 200) } : row)),
    // The access catalogue (issue 14): administrators only, reads too (ordering comes later).
    ...adminCrud(
      'local-systems',
      id.melior,
      { name: 'Matrissystemet', owner: 'Matrisförvaltningen', fulfilment: 'MANUAL' },
      { owner: 'Matrisförvaltningen 2' },
    ),
    ...adminCrud(
      'system-roles',
      id.meliorReader,
      { systemId: id.melior, name: 'Matrisroll' },
      { name: 'Matrisroll 2' },
    ),
    ...adminCrud('access-areas', id.platforms, { name: 'Matrisområdet' }, { name: 'Matrisområdet 2' }),
    ...adminCrud(
      'access-operations',
      id.identity,
      { areaId: id.platforms, name: 'Matrisverksamheten', headPersonId: id.karlu1 },
      { name: 'Matrisverksamheten 2' },
    ),
    ...adminCrud('professions', id.nurse, { name: 'Matrisyrket' }, { name: 'Matrisyrket 2' }),
    ...adminCrud(
      'access-templates',
      id.ksd,
      {
        operationId: id.identity,
        name: 'Matrismallen',
        roleIds: [id.meliorReader],
        professionIds: [id.nurse],
      },
      { name: 'Matrismallen 2' },
    ),

    {
      route: 'GET /api/delegations',
      expect: statuses('rightsHolder', 200),
      client: { scope: 'delegations:read', status: 200 },
      auditor: true,
    },
    { route: 'GET /api/delegations/grantable-units', expect: statuses('delegator', 200) },
    // karlu1 heads Solgläntan; the administrator may delegate for every unit.
    {
      route: 'GET /api/delegations/grantable-units/:id',
      path: `/api/delegations/grantable-units/${id.solglantan}`,
      expect: statuses('delegator', 200),
    },
    // Heads of the unit, administrators and the delegate see a delegation; another delegate does not.
    {
      route: 'GET /api/delegations/:id',
      path: `/api/delegations/${id.eriho2Delegation}`,
      expect: statuses('rightsHolder', 200, { sarbe3: 403 }),
      client: { scope: 'delegations:read', status: 200 },
      auditor: true,
    },
    // Limiting to what it already is: allowed, and changes nothing.
    {
      route: 'PATCH /api/delegations/:id',
      path: `/api/delegations/${id.sarbe3Delegation}`,
      body: { rights: ['ATTEST'] },
      expect: statuses('delegator', 200),
    },
    // Issue 15, leavers and movers: delegations whose grantor is no longer head, for the unit's
    // head to confirm or end. The demo's grantor is still head: past the access check, 409.
    { route: 'GET /api/delegation-confirmations', expect: statuses('delegator', 200) },
    {
      route: 'POST /api/delegation-confirmations/:id/confirm',
      path: `/api/delegation-confirmations/${id.eriho2Delegation}/confirm`,
      expect: statuses('delegator', 409),
    },
    {
      route: 'POST /api/delegation-confirmations/:id/end',
      path: `/api/delegation-confirmations/${id.eriho2Delegation}/end`,
      expect: statuses('delegator', 409),
    },

    // Orders: anyone signed in reads their own orders and acts on their own; placing and its
    // helpers need rights, and the service then checks the very unit and assignment.
    {
      route: 'GET /api/orders',
      path: `/api/orders?filter=${encodeURIComponent('{"scope":"mine"}')}`,
      expect: statuses('signedIn', 200),
      client: { scope: 'orders:read', status: 200 },
      auditor: true,
    },
    {
      route: 'GET /api/orders/:id',
      path: `/api/orders/${MISSING}`,
      expect: statuses('signedIn', 404),
      client: { scope: 'orders:read', status: 404 },
      auditor: true,
    },
    {
      route: 'POST /api/orders/:id/change-attestant',
      path: `/api/orders/${MISSING}/change-attestant`,
      body: { attestantId: id.karlu1 },
      expect: statuses('signedIn', 404),
    },
    {
      route: 'POST /api/orders/:id/cancel',
      path: `/api/orders/${MISSING}/cancel`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/orderable-assignments',
      path: `/api/orderable-assignments?endUserId=${id.nilbo4}&type=GRANT`,
      expect: statuses('rightsHolder', 200),
    },
    {
      route: 'GET /api/attestants',
      path: `/api/attestants?careUnitId=${id.solglantan}`,
      expect: statuses('rightsHolder', 200),
    },
    {
      route: 'POST /api/orders',
      // Each caller orders another assignment for nilbo4 at Solgläntan.
      body: (caller) => ({
        type: 'GRANT',
        endUserId: id.nilbo4,
        items: [
          {
            assignmentId: seedId(
              // Not Kvalitetssäkring: it requires a template line in the same send (issue 14).
              `assignment:solglantan:${caller === 'eriho2' ? 'VoB SJF' : 'Statistik VE'}`,
            ),
          },
        ],
        attestantId: caller === 'karlu1' ? id.sarbe3 : id.karlu1,
        startDate: today,
        urgent: false,
        comment: '',
      }),
      // An administrator or an attest-only delegate has no right to order there.
      expect: statuses('rightsHolder', 201, { admin1: 403, sarbe3: 403 }),
    },

    // Mass orders: the assignment's page, search, import, check and send need ORDER and
    // ATTEST on the very assignment (an administrator or an attest-only delegate: 403); a batch
    // is shown to whom it concerns (404 to anyone else).
    ...(
      [
        ['', ''],
        ['/members', `?filter=${encodeURIComponent('{"q":"b"}')}`],
        ['/candidates', `?filter=${encodeURIComponent('{"lastName":"b"}')}`],
      ] as const
    ).map(([sub, query]) => ({
      route: `GET /api/mass-orders/assignments/:assignmentId${sub}`,
      path: `/api/mass-orders/assignments/${id.vobSolglantan}${sub}${query}`,
      expect: statuses('rightsHolder', 200, { admin1: 403, sarbe3: 403 }),
    })),
    {
      route: 'POST /api/mass-orders/import',
      body: { assignmentId: id.vobSolglantan, text: 'nilbo4\nahmal7' },
      expect: statuses('rightsHolder', 200, { admin1: 403, sarbe3: 403 }),
    },
    {
      route: 'POST /api/mass-orders/check',
      body: { assignmentId: id.vobSolglantan, add: [id.ahmal7] },
      expect: statuses('rightsHolder', 200, { admin1: 403, sarbe3: 403 }),
    },
    {
      route: 'POST /api/mass-orders',
      // ahmal7 (active at Avdelning 12) gets VoB SJF at Solgläntan from eriho2, at Avdelning 12 from karlu1.
      body: (caller) => ({
        assignmentId: caller === 'karlu1' ? id.vobAvd12 : id.vobSolglantan,
        add: [id.ahmal7],
        attestantId: caller === 'karlu1' ? id.karlu1 : id.sarbe3,
        startDate: today,
        // At Solgläntan ahmal7 works elsewhere: a warning (rule 2d), confirmed; rights are what is tested.
        confirmedWarnings: true,
      }),
      expect: statuses('rightsHolder', 201, { admin1: 403, sarbe3: 403 }),
    },
    { route: 'GET /api/mass-orders/batches', expect: statuses('signedIn', 200) },
    {
      route: 'GET /api/mass-orders/batches/:batchId',
      path: `/api/mass-orders/batches/${MISSING}`,
      expect: statuses('signedIn', 404),
    },

    // The API description and its page: administrators (anyone only in development, openapi.e2e-spec.ts).
    { route: 'GET /api/docs', expect: statuses('administrator', 200) },
    { route: 'GET /api/docs/openapi.json', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/docs/assets/:file',
      path: '/api/docs/assets/swagger-ui.css',
      expect: statuses('administrator', 200),
    },
    // API clients: administrators only; each allowed caller creates one of its own.
    { route: 'GET /api/api-clients', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/api-clients/:id',
      path: `/api/api-clients/${MISSING}`,
      expect: statuses('administrator', 404),
    },
    {
      route: 'POST /api/api-clients',
      body: (caller) => ({ name: `Matris ${caller}`, scopes: ['orders:read'], expiresOn: today }),
      expect: statuses('administrator', 201),
    },
    {
      route: 'POST /api/api-clients/:id/revoke',
      path: `/api/api-clients/${MISSING}/revoke`,
      expect: statuses('administrator', 404),
    },
    // Issue 15, KIV: the directory's source (the UI's read-only grids), the sync runs and "Synka
    // nu" (embedded here: past the access check, 409), the writes back and the drift.
    { route: 'GET /api/directory-source', expect: statuses('signedIn', 200) },
    { route: 'GET /api/directory-sync-runs', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/directory-sync-runs/:id',
      path: `/api/directory-sync-runs/${MISSING}`,
      expect: statuses('administrator', 404),
    },
    { route: 'POST /api/directory-sync-runs', body: {}, expect: statuses('administrator', 409) },
    { route: 'GET /api/ldap-writes', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/ldap-writes/:id',
      path: `/api/ldap-writes/${MISSING}`,
      expect: statuses('administrator', 404),
    },
    {
      route: 'POST /api/ldap-writes/:id/retry',
      path: `/api/ldap-writes/${MISSING}/retry`,
      expect: statuses('administrator', 404),
    },
    { route: 'GET /api/directory-drift', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/directory-drift/:id',
      path: `/api/directory-drift/${MISSING}`,
      expect: statuses('administrator', 404),
    },
    { route: 'GET /api/outbox', expect: statuses('administrator', 200) },
    { route: 'GET /api/outbox/:id', path: `/api/outbox/${MISSING}`, expect: statuses('administrator', 404) },
    // The audit log: auditors read it too, but start no check (a check records a checkpoint).
    { route: 'GET /api/audit-events', expect: statuses('administrator', 200), auditor: true },
    { route: 'GET /api/audit-events/verify', expect: statuses('administrator', 200) },
    // Full verification runs (audit-verify.e2e-spec.ts): started in the background, then the latest is that one.
    { route: 'POST /api/audit-events/verify-runs', expect: statuses('administrator', 202) },
    {
      route: 'GET /api/audit-events/verify-runs/latest',
      expect: statuses('administrator', 200),
      auditor: true,
    },
    {
      route: 'GET /api/audit-events/verify-runs/:runId',
      path: '/api/audit-events/verify-runs/999999999',
      expect: statuses('administrator', 404),
      auditor: true,
    },
    // An anchor of the chain head received outside (audit-anchor.e2e-spec.ts); {} is not one: 422.
    { route: 'POST /api/audit-events/verify-anchor', body: {}, expect: statuses('administrator', 422) },
    {
      route: 'GET /api/audit-events/:id',
      path: `/api/audit-events/${MISSING}`,
      expect: statuses('administrator', 404),
      auditor: true,
    },
    // The grids' CSV exports: each with the policy of its list.
    ...['persons', 'care-units', 'assignments', 'administrations', 'care-providers'].map((resource) => ({
      route: `GET /api/${resource}/export`,
      expect: statuses('rightsHolder', 200),
    })),
    { route: 'GET /api/systems/export', expect: statuses('signedIn', 200) },
    { route: 'GET /api/orders/export', expect: statuses('signedIn', 200), auditor: true },
    { route: 'GET /api/audit-events/export', expect: statuses('administrator', 200), auditor: true },
    // The person lookup log (person-access-log.e2e-spec.ts): administrators only.
    { route: 'GET /api/person-access-log', expect: statuses('administrator', 200) },
    { route: 'GET /api/person-access-log/export', expect: statuses('administrator', 200) },
    { route: 'GET /api/outbox/export', expect: statuses('administrator', 200) },
    // Reports (reports.e2e-spec.ts): administrators and heads of unit; karlu1 heads Solgläntan,
    // where linma5 holds VoB SJF. Auditors read all four, region-wide.
    ...['holdings-on-date', 'holdings-on-date/export'].map((report) => ({
      route: `GET /api/reports/${report}`,
      path: `/api/reports/${report}?filter=${encodeURIComponent(JSON.stringify({ careUnitId: id.solglantan }))}`,
      expect: statuses('delegator', 200),
      auditor: true as const,
    })),
    ...['', '/export'].map((tail) => ({
      route: `GET /api/reports/person-history/:personId${tail}`,
      path: `/api/reports/person-history/${seedId('person:linma5')}${tail}`,
      expect: statuses('delegator', 200),
      auditor: true as const,
    })),
    // Signing: any signed-in person may call the window's API, but a request exists only for its
    // signer (404 to everyone else, tested in signing.e2e-spec.ts); unlocking is for administrators.
    {
      route: 'GET /api/signing/:requestId',
      path: `/api/signing/${MISSING}`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/signing/:requestId/certificates',
      path: `/api/signing/${MISSING}/certificates`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/signing/:requestId/sign-service-form',
      path: `/api/signing/${MISSING}/sign-service-form`,
      expect: statuses('signedIn', 404),
    },
    // Public and without CSRF (the signing service posts it through the browser); what protects it
    // is the signing service's signature and the request's single use (signing-federated.e2e-spec.ts).
    {
      route: 'POST /api/signing/dss/response',
      form: { Binding: 'POST/XML/1.0', RelayState: MISSING, EidSignResponse: 'bm90IFhNTA==' },
      expect: statuses('public', 404),
    },
    // BEH's own signing service (SIGNING_PROVIDER=federated): public, without CSRF; it serves only
    // SignRequests signed by BEH and the IdP's answers to its own AuthnRequests.
    { route: 'GET /api/sign-service/metadata', expect: statuses('public', 200) },
    {
      route: 'POST /api/sign-service/sign',
      form: { Binding: 'POST/XML/1.0', RelayState: 'x', EidSignRequest: 'bm90IFhNTA==' },
      expect: statuses('public', 400),
    },
    {
      route: 'POST /api/sign-service/acs',
      form: { SAMLResponse: 'bm90IFNBTUw=', RelayState: MISSING },
      expect: statuses('public', 400),
    },
    {
      route: 'POST /api/signing/:requestId/sign',
      path: `/api/signing/${MISSING}/sign`,
      body: { certificateId: MISSING, pin: '1234' },
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/signing/certificates',
      path: `/api/signing/certificates?personId=${id.nilbo4}`,
      expect: statuses('administrator', 200),
    },
    {
      route: 'POST /api/signing/certificates/:id/unlock',
      path: `/api/signing/certificates/${MISSING}/unlock`,
      expect: statuses('administrator', 404),
    },
    // Attest: open to anyone signed in, since being an order's attestant is a fact of the
    // order; each caller gets only the orders naming them (404 for anyone else's, attest-*.e2e-spec.ts).
    { route: 'GET /api/attest/queue', expect: statuses('signedIn', 200) },
    { route: 'GET /api/attest/counts', expect: statuses('signedIn', 200) },
    { route: 'GET /api/attest/batches', expect: statuses('signedIn', 200) },
    {
      route: 'GET /api/attest/orders/:id',
      path: `/api/attest/orders/${MISSING}`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'POST /api/attest/sign-requests',
      body: { orderIds: [MISSING], decision: 'APPROVE' },
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/attest/sign-requests/:requestId',
      path: `/api/attest/sign-requests/${MISSING}`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/orders/:id/signature',
      path: `/api/orders/${MISSING}/signature`,
      expect: statuses('signedIn', 404),
    },
    // The verksamhet picker of a delegation (issue 14): karlu1 heads Identitet och behörighet.
    { route: 'GET /api/delegations/grantable-operations', expect: statuses('delegator', 200) },
    // The access wizard's templates (issue 14): for rights holders, like orderable-assignments;
    // each is offered only the verksamheter it may order for. (Attestants of a verksamhet:
    // GET /api/attestants?accessOperationId=, the row above.)
    {
      route: 'GET /api/orderable-templates',
      path: `/api/orderable-templates?endUserId=${id.nilbo4}&type=GRANT`,
      expect: statuses('rightsHolder', 200),
    },
    // Carrying out access orders (issue 14): the queue is for systems' administrators (karlu1
    // administers two demo systems) and administrators; a work item, settling it, an order's parts
    // and the Återkopplingsinfo are decided per row (404 for what one may not see).
    { route: 'GET /api/fulfilment', expect: statuses('signedIn', 403, { karlu1: 200, admin1: 200 }) },
    { route: 'GET /api/fulfilment/counts', expect: statuses('signedIn', 403, { karlu1: 200, admin1: 200 }) },
    {
      route: 'GET /api/fulfilment/:id',
      path: `/api/fulfilment/${MISSING}`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'POST /api/fulfilment/:id/done',
      path: `/api/fulfilment/${MISSING}/done`,
      body: { feedback: 'x' },
      expect: statuses('signedIn', 404),
    },
    {
      route: 'POST /api/fulfilment/:id/refuse',
      path: `/api/fulfilment/${MISSING}/refuse`,
      body: { reason: 'x' },
      expect: statuses('signedIn', 404),
    },
    {
      route: 'GET /api/fulfilment/orders/:orderId/parts',
      path: `/api/fulfilment/orders/${MISSING}/parts`,
      expect: statuses('signedIn', 404),
    },
    {
      route: 'POST /api/fulfilment/parts/:id/feedback',
      path: `/api/fulfilment/parts/${MISSING}/feedback`,
      expect: statuses('signedIn', 404),
    },
    // Systemadministratörer: administrators only (karlu1 becomes Melior's too: he administers systems already).
    { route: 'GET /api/system-administrators', expect: statuses('administrator', 200) },
    { route: 'GET /api/system-administrators/export', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/system-administrators/:id',
      path: `/api/system-administrators/${localSystemId('Infektionsverktyget')}:${id.karlu1}`,
      expect: statuses('administrator', 200),
    },
    {
      route: 'POST /api/system-administrators',
      body: { systemId: id.melior, personId: id.karlu1 },
      expect: statuses('administrator', 201),
    },
    {
      route: 'DELETE /api/system-administrators/:id',
      path: `/api/system-administrators/${MISSING}:${MISSING}`,
      expect: statuses('administrator', 404),
    },
    // Access reviews (issue 17): campaigns for administrators and heads of unit; the reviewer's
    // page, decisions and signature for the reviewer only (another's campaign is 404).
    { route: 'GET /api/review-campaigns', expect: statuses('delegator', 200), auditor: true },
    {
      route: 'POST /api/review-campaigns',
      body: {
        name: 'Matrisgranskning',
        scopeKind: 'UNITS',
        careUnitIds: [id.solglantan],
        startDate: addDays(today, 1),
        dueDate: addDays(today, 30),
        revokeDate: addDays(today, 30),
        undecidedRule: 'KEEP',
      },
      expect: statuses('delegator', 201),
    },
    {
      route: 'GET /api/review-campaigns/:id',
      path: `/api/review-campaigns/${review.campaignId}`,
      expect: statuses('delegator', 200),
      auditor: true,
    },
    {
      route: 'GET /api/review-campaigns/:id/export',
      path: `/api/review-campaigns/${review.campaignId}/export`,
      expect: statuses('delegator', 200),
      auditor: true,
    },
    {
      route: 'GET /api/review-campaigns/:id/units/:careUnitId/reviewers',
      path: `/api/review-campaigns/${review.campaignId}/units/${id.solglantan}/reviewers`,
      expect: statuses('delegator', 200),
    },
    {
      // The campaign reviews Solgläntan's assignments, no template: Karin heads the verksamhet.
      route: 'GET /api/review-campaigns/:id/operations/:accessOperationId/reviewers',
      path: `/api/review-campaigns/${review.campaignId}/operations/${id.identity}/reviewers`,
      expect: statuses('delegator', 404),
    },
    {
      route: 'PUT /api/review-campaigns/:id/reviewer',
      path: `/api/review-campaigns/${MISSING}/reviewer`,
      body: { careUnitId: id.solglantan, reviewerId: id.karlu1 },
      expect: statuses('delegator', 404),
    },
    {
      route: 'GET /api/review-campaigns/:id/items',
      path: `/api/review-campaigns/${review.campaignId}/items`,
      expect: statuses('rightsHolder', 200, { eriho2: 404, sarbe3: 404 }),
    },
    {
      route: 'PUT /api/review-campaigns/:id/decisions',
      path: `/api/review-campaigns/${review.campaignId}/decisions`,
      body: { decisions: [{ itemId: review.itemId, decision: 'KEEP' }] },
      expect: statuses('rightsHolder', 404, { karlu1: 200 }),
    },
    {
      route: 'POST /api/review-campaigns/:id/sign-requests',
      path: `/api/review-campaigns/${review.campaignId}/sign-requests`,
      expect: statuses('rightsHolder', 404, { karlu1: 201 }),
    },
    // Revisorer (issue 17): administrators only; the new auditor is a person of the setup.
    { route: 'GET /api/auditors', expect: statuses('administrator', 200) },
    { route: 'GET /api/auditors/export', expect: statuses('administrator', 200) },
    {
      route: 'GET /api/auditors/:id',
      path: `/api/auditors/${auditorIds.auditor}`,
      expect: statuses('administrator', 200),
    },
    {
      route: 'POST /api/auditors',
      body: { personId: auditorIds.spare },
      expect: statuses('administrator', 201),
    },
    {
      route: 'DELETE /api/auditors/:id',
      path: `/api/auditors/${MISSING}`,
      expect: statuses('administrator', 404),
    },
    // Ersättare (rule 41): anyone signed in lists their own (not for auditors: no @AuditorReads);
    // naming needs ATTEST rights somewhere. A period a month ahead, so no queue changes now.
    { route: 'GET /api/stand-ins', expect: statuses('signedIn', 200) },
    {
      route: 'POST /api/stand-ins',
      body: { standInId: id.nilbo4, validFrom: addDays(today, 30), validTo: addDays(today, 31) },
      expect: statuses('rightsHolder', 201, { admin1: 403 }),
    },
    {
      route: 'DELETE /api/stand-ins/:id',
      path: `/api/stand-ins/${MISSING}`,
      expect: statuses('signedIn', 404),
    },
    // Last: it makes nilbo4 a delegate, which would change the answers of every row after it.
    {
      route: 'POST /api/delegations',
      body: { delegateId: id.nilbo4, careUnitId: id.solglantan, rights: ['ATTEST'], validFrom: today },
      expect: statuses('delegator', 201),
    },
  ];
}

describe('authorization matrix', () => {
  let t: TestApp;
  let rows: Row[];
  const clients = new Map<Caller, Client>();

  let auditor: PersonMade;
  const clientFor = (caller: Caller) =>
    caller === 'anonymous' ? anonymous(t) : signIn(t, caller === 'auditor' ? auditor.userId : caller);

  beforeAll(async () => {
    // SAML with single logout (which needs the SP's signing key): every SAML route is there.
    const [idp, sp] = await Promise.all([createTestIdp(), createTestIdp('BEH SP')]);
    t = await createTestApp({
      ...samlEnv(idp, sp),
      SAML_IDP_SLO_URL: 'https://idp.test.example/slo',
      // A real signing provider, so that the signing service's routes answer as in production.
      ...(await federatedSigning()).env,
    });
    const today = t.app.get(Clock).today();
    // An auditor with no other role, and a person the table's POST /api/auditors makes one.
    auditor = await newPerson(t, { title: 'Revisor' });
    const spare = await newPerson(t);
    await t.app.get(AuditorsService).create(seedId('person:admin1'), { personId: auditor.id });
    for (const caller of CALLERS) clients.set(caller, await clientFor(caller));
    const campaign = await clients
      .get('admin1')!
      .post('/api/review-campaigns')
      .send({
        name: 'Granskning Solgläntan',
        scopeKind: 'UNITS',
        careUnitIds: [id.solglantan],
        startDate: today,
        dueDate: addDays(today, 30),
        revokeDate: addDays(today, 30),
        undecidedRule: 'KEEP',
      })
      .expect(201);
    const campaignId = (campaign.body as { id: string }).id;
    const [item] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM review_item WHERE campaign_id = $1 AND person_id = $2 AND assignment_id = $3`,
      [campaignId, seedId('person:linma5'), id.vobSolglantan],
    );
    rows = table(today, { auditor: auditor.id, spare: spare.id }, { campaignId, itemId: item.id });
  });
  afterAll(async () => {
    await t.close();
  });

  it('has exactly one row for every route the application registers', () => {
    const registered = registeredRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    const covered = rows.map((r) => r.route);
    expect(registered.filter((route) => !covered.includes(route))).toEqual([]);
    expect(covered.filter((route) => !registered.includes(route))).toEqual([]);
    expect(covered.filter((route, i) => covered.indexOf(route) !== i)).toEqual([]);
  });

  it('opens to auditors exactly the GET routes the OpenAPI description marks x-beh-auditor', async () => {
    const doc = (await clients.get('admin1')!.get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { 'x-beh-auditor'?: boolean }>>;
    };
    const marked = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation['x-beh-auditor'] === true)
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(marked.filter((route) => !route.startsWith('GET '))).toEqual([]);
    expect(
      rows
        .filter((row) => row.auditor)
        .map((row) => row.route)
        .sort(),
    ).toEqual(marked.sort());
  });

  /** One call of a row's route, as a persona (its own session) or as an API client (a token). */
  const send = async (row: Row, caller: Caller, as: Client | { token: string }) => {
    const [method, pattern] = row.route.split(' ');
    const path = row.path ?? pattern;
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(verb))
      throw new Error(`No way to call ${method}`);
    const call =
      'token' in as ? request(t.http)[verb](path).set('Authorization', `Bearer ${as.token}`) : as[verb](path);
    const body = typeof row.body === 'function' ? row.body(caller) : row.body;
    return row.form ? call.type('form').send(row.form) : body ? call.send(body) : call;
  };

  it('answers every route as the table says, for every persona and for no one', async () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      for (const caller of CALLERS) {
        const client = row.ownSession ? await clientFor(caller) : clients.get(caller)!;
        const res = await send(row, caller, client);
        if (res.status !== row.expect[caller]) {
          const detail =
            typeof res.body === 'object' && res.body !== null ? (res.body as { detail?: string }).detail : '';
          mismatches.push(
            `${row.route} as ${caller}: ${res.status}, expected ${row.expect[caller]} ${detail ?? ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every route for every caller, one after the other (rows may depend on what earlier rows did):
    // some three thousand requests, over jest's 30 s when the machine is busy.
  }, 180_000);

  /**
   * API clients (bearer tokens): a client holding one scope may call exactly the routes of that
   * scope, and gets 403 on every other route, public ones and writes included; a revoked or
   * expired client gets 401 everywhere.
   */
  it('answers every route as the table says for an API client of each scope, revoked or expired', async () => {
    const admin = clients.get('admin1')!;
    const today = t.app.get(Clock).today();
    const make = async (name: string, scopes: readonly string[], expiresOn: string) =>
      (await admin.post('/api/api-clients').send({ name, scopes, expiresOn }).expect(201)).body as {
        id: string;
        token: string;
      };
    const mismatches: string[] = [];
    const check = async (label: string, token: string, expected: (row: Row) => number) => {
      for (const row of rows) {
        const res = await send(row, 'anonymous', { token });
        if (res.status !== expected(row)) {
          const detail = (res.body as { detail?: string } | undefined)?.detail ?? '';
          mismatches.push(`${row.route} as ${label}: ${res.status}, expected ${expected(row)} ${detail}`);
        }
      }
    };
    for (const scope of CLIENT_SCOPES) {
      const { token } = await make(`Matrisklient ${scope}`, [scope], today);
      await check(`client ${scope}`, token, (row) => (row.client?.scope === scope ? row.client.status : 403));
    }
    expect(rows.filter((row) => row.client && !row.route.startsWith('GET '))).toEqual([]);
    for (const scope of CLIENT_SCOPES) expect(rows.some((row) => row.client?.scope === scope)).toBe(true);

    const every = [...CLIENT_SCOPES];
    const revoked = await make('Matrisklient återkallad', every, today);
    await admin.post(`/api/api-clients/${revoked.id}/revoke`).expect(200);
    await check('revoked client', revoked.token, () => 401);
    const expired = await make('Matrisklient utgången', every, today);
    t.app.get(Clock).set(new Date(Date.now() + 24 * 3_600_000));
    try {
      await check('expired client', expired.token, () => 401);
    } finally {
      t.app.get(Clock).set(undefined);
    }
    expect(mismatches).toEqual([]);
  });
});
