import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { COMPRESS_THRESHOLD } from '../../server/src/common/transport.js';

/**
 * How the portal's answers travel: compressed when the browser offers it, the UI's hashed files
 * cached for good and its pages revalidated on every load. A built UI of a few files stands in
 * for dist/admin-ui, so the test does not need a Vite build.
 */
describe('transport', () => {
  let t: TestApp;
  let uiDir: string;
  const script = `export const text = ${JSON.stringify('Beställning av vårdmedarbetaruppdrag. '.repeat(200))};\n`;

  beforeAll(async () => {
    uiDir = mkdtempSync(path.join(os.tmpdir(), 'beh-ui-'));
    mkdirSync(path.join(uiDir, 'assets'));
    writeFileSync(
      path.join(uiDir, 'index.html'),
      '<!doctype html><script src="/assets/index-Ab12Cd34.js"></script>',
    );
    writeFileSync(path.join(uiDir, 'signing.html'), '<!doctype html><title>Signering</title>');
    writeFileSync(path.join(uiDir, 'assets', 'index-Ab12Cd34.js'), script);
    t = await createTestApp({ UI_DIR: uiDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('lets a browser keep the hashed files for good and revalidate the page', async () => {
    const page = await request(t.http).get('/').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('/assets/index-Ab12Cd34.js');
    const asset = await request(t.http).get('/assets/index-Ab12Cd34.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe(script);
    // The signing window is a page too: never kept.
    const signing = await request(t.http).get('/signing/5b628c5b-2d5a-45c7-8001-8517fe3b3099').expect(200);
    expect(signing.headers['cache-control']).toBe('no-store');
  });

  it('compresses the UI with brotli or gzip, as the browser offers, and not for one that offers neither', async () => {
    const br = await request(t.http)
      .get('/assets/index-Ab12Cd34.js')
      .set('Accept-Encoding', 'br')
      .expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.text).toBe(script);
    const gzip = await request(t.http)
      .get('/assets/index-Ab12Cd34.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(script);
    const plain = await request(t.http)
      .get('/assets/index-Ab12Cd34.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script));
  });

  it('compresses a page of a list and keeps its Content-Range', async () => {
    const admin = await signIn(t, 'admin1');
    const res = await admin.get('/api/persons?range=[0,49]').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-range']).toMatch(/^persons 0-49\/\d+$/);
    expect(res.body).toHaveLength(50);
  });

  it('compresses an API answer with brotli when offered, whole and with Vary, gzip to a client that refuses brotli', async () => {
    const admin = await signIn(t, 'admin1');
    const url = '/api/persons?range=[0,49]';
    const plain = await admin.get(url).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await admin.get(url).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text) / 3);
    expect(br.body).toEqual(plain.body);
    // A client that refuses brotli gets gzip.
    const gzip = await admin.get(url).set('Accept-Encoding', 'br;q=0, gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body).toEqual(plain.body);
  });

  it('compresses a streamed CSV export as it is written', async () => {
    const admin = await signIn(t, 'admin1');
    const res = await admin
      .get('/api/persons/export')
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-length']).toBeUndefined();
    const csv = (res.body as Buffer).toString('utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(300);
  });

  it('leaves small answers uncompressed', async () => {
    const res = await request(t.http).get('/api/health').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    // A few persons: over a kilobyte, where compressing costs more CPU than the bytes are worth.
    const admin = await signIn(t, 'admin1');
    const few = await admin.get('/api/persons?range=[0,5]').set('Accept-Encoding', 'gzip, br').expect(200);
    expect(Number(few.headers['content-length'])).toBeGreaterThan(1024);
    expect(Number(few.headers['content-length'])).toBeLessThan(COMPRESS_THRESHOLD);
    expect(few.headers['content-encoding']).toBeUndefined();
  });
});
