import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('CSRF protection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const csrfProblem = { type: 'urn:beh:problem:csrf', status: 403 };

  it('gives the same token for the session until sign-in', async () => {
    const agent = request.agent(t.http);
    const first = await agent.get('/api/auth/csrf').expect(200);
    const second = await agent.get('/api/auth/csrf').expect(200);
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.body.token).toBe(first.body.token);
    expect(first.headers['cache-control']).toBe('no-store');
  });

  it('refuses sign-in without a token, with a wrong one, or without a session', async () => {
    const agent = request.agent(t.http);
    const { token } = (await agent.get('/api/auth/csrf')).body as { token: string };
    expect(
      (await agent.post('/api/auth/dev-login').send({ userId: 'admin1' }).expect(403)).body,
    ).toMatchObject(csrfProblem);
    await agent
      .post('/api/auth/dev-login')
      .set('X-CSRF-Token', `${token.slice(0, -1)}x`)
      .send({ userId: 'admin1' })
      .expect(403);
    await agent.post('/api/auth/dev-login').set('X-CSRF-Token', '').send({ userId: 'admin1' }).expect(403);
    // The right token from another session is still the wrong one.
    const other = (await request(t.http).get('/api/auth/csrf')).body as { token: string };
    await agent
      .post('/api/auth/dev-login')
      .set('X-CSRF-Token', other.token)
      .send({ userId: 'admin1' })
      .expect(403);
    await request(t.http)
      .post('/api/auth/dev-login')
      .set('X-CSRF-Token', token)
      .send({ userId: 'admin1' })
      .expect(403);
    await agent.post('/api/auth/dev-login').set('X-CSRF-Token', token).send({ userId: 'admin1' }).expect(200);
  });

  it('protects every state-changing method of a signed-in session, and lets the right token through', async () => {
    const admin = await signIn(t, 'admin1');
    const body = {
      systemName: 'CSRF-testsystem',
      useCase: '',
      purpose: 'STATISTICS',
      assignmentName: 'Statistik VE',
    };
    for (const call of [
      admin.agent.post('/api/systems').send(body),
      admin.agent.post('/api/systems').set('X-CSRF-Token', 'wrong').send(body),
      admin.agent.put('/api/systems/00000000-0000-4000-8000-000000000000').send({ note: 'x' }),
      admin.agent.patch('/api/delegations/00000000-0000-4000-8000-000000000000').send({ status: 'REVOKED' }),
      admin.agent.delete('/api/systems/00000000-0000-4000-8000-000000000000'),
      admin.agent.post('/api/auth/logout'),
    ]) {
      expect((await call.expect(403)).body).toMatchObject(csrfProblem);
    }
    const created = await admin.post('/api/systems').send(body).expect(201);
    await admin.delete(`/api/systems/${created.body.id as string}`).expect(200);
    await admin.get('/api/me').expect(200);
  });

  it('does not ask GET requests for a token', async () => {
    const admin = await signIn(t, 'admin1');
    await admin.agent.get('/api/me').expect(200);
  });
});
