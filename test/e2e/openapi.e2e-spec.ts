import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeApi } from '../../server/src/app.factory.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { readContract, renderContract, staleFiles } from '../support/openapi-contract.js';
import { productionEnv } from '../support/production-env.js';
import { registeredRoutes } from '../support/routes.js';
import { createLibraryIdp, type LibraryIdp } from '../support/library-idp.js';
import { createTestIdp, samlEnv } from '../support/saml-idp.js';
import { anonymous, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  responses: Record<string, unknown>;
  'x-beh-policy'?: string;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const DOCS_ROUTES = [
  '/api/docs',
  '/api/docs/openapi.json',
  '/api/docs/assets/swagger-ui.css',
  '/api/docs/assets/swagger-ui-bundle.js',
  '/api/docs/assets/docs.js',
];

describe('the OpenAPI contract', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, 'admin1');
    document = (await admin.get('/api/docs/openapi.json').expect(200)).body as Document;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is committed as the running application describes it, description and UI types alike', async () => {
    const rendered = await renderContract(document);
    expect(staleFiles(rendered, await readContract())).toEqual([]);
  });

  it('is what npm run openapi writes: the description built without a database is the served one', async () => {
    expect(await describeApi(t.config)).toEqual(document);
  });

  it('describes every route the application registers, but its own', () => {
    const described = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const registered = registeredRoutes(t.app)
      .filter((route) => !route.path.startsWith('/api/docs'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.filter((route) => !described.has(route))).toEqual([]);
    expect([...described].filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('names the policy and the problem answer of every operation', () => {
    const lacking = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => !op['x-beh-policy'] || !op.responses.default)
        .map(([method]) => `${method} ${path}`),
    );
    expect(lacking).toEqual([]);
  });

  it('serves the page, its files and the description to an administrator', async () => {
    const admin = await signIn(t, 'admin1');
    const page = await admin.get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    const css = await admin.get('/api/docs/assets/swagger-ui.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    const bundle = await admin.get('/api/docs/assets/swagger-ui-bundle.js').expect(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    const start = await admin.get('/api/docs/assets/docs.js').expect(200);
    expect(start.text).toContain("url: '/api/docs/openapi.json'");
  });

  it('serves no other file of the package', async () => {
    const admin = await signIn(t, 'admin1');
    for (const file of ['index.html', 'package.json', '..%2F..%2Fpackage.json', 'swagger-ui.js.map']) {
      const res = await admin.get(`/api/docs/assets/${file}`).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('refuses it to anyone else: 401 without sign-in, 403 signed in without being administrator', async () => {
    const guest = await anonymous(t);
    const staff = await signIn(t, 'nilbo4');
    const head = await signIn(t, 'karlu1');
    for (const path of DOCS_ROUTES) {
      expect((await guest.get(path)).status).toBe(401);
      expect((await staff.get(path)).status).toBe(403);
      expect((await head.get(path)).status).toBe(403);
    }
  });
});

describe('/api/docs in production', () => {
  let t: TestApp;
  let idp: LibraryIdp;

  beforeAll(async () => {
    const keys = await createTestIdp();
    t = await createTestApp(await productionEnv(samlEnv(keys, await createTestIdp('BEH SP'))));
    idp = createLibraryIdp(keys, (await request(t.http).get('/api/auth/saml/metadata').expect(200)).text);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Signs in through SAML, the only sign-in production has; answers the session cookie. */
  async function samlSession(userId: string): Promise<string> {
    const hsaId = PERSONAS.find((p) => p.userId === userId)?.hsaId;
    const start = await request(t.http).get('/api/auth/saml/login').expect(302);
    const { samlResponse } = await idp.respond(start.headers.location as string, {
      hsaId: hsaId!,
      loa: 'http://id.sambi.se/loa/loa3',
    });
    const res = await request(t.http)
      .post('/api/auth/saml/acs')
      .type('form')
      .send({ SAMLResponse: samlResponse })
      .expect(200);
    // The cookie is Secure (production), which supertest's agent would not send over http.
    const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const session = cookies.find((c) => c.startsWith('beh.sid='));
    if (!session) throw new Error(`No session for ${userId}`);
    return session.split(';')[0];
  }

  it('refuses it without sign-in', async () => {
    for (const path of DOCS_ROUTES) await request(t.http).get(path).expect(401);
  });

  it('refuses it to a signed-in person who is not administrator', async () => {
    const cookie = await samlSession('nilbo4');
    await request(t.http).get('/api/me').set('Cookie', cookie).expect(200);
    for (const path of DOCS_ROUTES) await request(t.http).get(path).set('Cookie', cookie).expect(403);
  });

  it('serves it to an administrator', async () => {
    const cookie = await samlSession('admin1');
    for (const path of DOCS_ROUTES) await request(t.http).get(path).set('Cookie', cookie).expect(200);
    const res = await request(t.http).get('/api/docs/openapi.json').set('Cookie', cookie).expect(200);
    expect((res.body as { openapi: string }).openapi).toMatch(/^3\./);
  });
});

describe('/api/docs in development', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'development', SCHEDULER_ENABLED: 'false', MAIL_POLL_SECONDS: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves it to anyone, signed in or not', async () => {
    for (const path of DOCS_ROUTES) await request(t.http).get(path).expect(200);
  });
});
