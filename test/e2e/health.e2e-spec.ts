import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports a reachable database with current migrations', async () => {
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', migrations: 'current' });
  });

  it('puts a request id on every response, keeping a sane one from the caller', async () => {
    const own = await request(t.http).get('/api/health').expect(200);
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(t.http).get('/api/health').set('X-Request-Id', 'abc-123-def-456');
    expect(kept.headers['x-request-id']).toBe('abc-123-def-456');
    const replaced = await request(t.http).get('/api/nope').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API routes with problem JSON in Swedish', async () => {
    const res = await request(t.http).get('/api/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Hittades inte' });
  });

  it('reports pending migrations as unhealthy', async () => {
    await t.dataSource.query(`DELETE FROM migrations`);
    const res = await request(t.http).get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'up', migrations: 'pending' });
  });
});
