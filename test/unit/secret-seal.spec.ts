import { describe, expect, it } from '@jest/globals';
import { openSecret, sealSecret } from '../../server/src/common/secret-seal.js';

const SECRET = 'a-server-secret-of-at-least-32-characters!';
const ROW = '6f1c1c1e-3a55-4a8e-9a43-0d2a0c1b7e11';

describe('secret seal (common/secret-seal.ts)', () => {
  it('opens what it sealed, and the envelope holds neither the text nor its base64', () => {
    const sealed = sealSecret('bearer-token-4711', SECRET, 'scim-token', ROW);
    const json = JSON.stringify(sealed);
    expect(json).not.toContain('bearer-token-4711');
    expect(json).not.toContain(Buffer.from('bearer-token-4711').toString('base64'));
    expect(openSecret(sealed, SECRET, 'scim-token', ROW)).toBe('bearer-token-4711');
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    const a = sealSecret('same', SECRET, 'scim-token', ROW);
    const b = sealSecret('same', SECRET, 'scim-token', ROW);
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
  });

  it('does not open with another server secret, purpose or row, nor when tampered with', () => {
    const sealed = sealSecret('bearer-token-4711', SECRET, 'scim-token', ROW);
    expect(openSecret(sealed, `${SECRET}x`, 'scim-token', ROW)).toBeUndefined();
    expect(openSecret(sealed, SECRET, 'other-purpose', ROW)).toBeUndefined();
    expect(openSecret(sealed, SECRET, 'scim-token', '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const data = Buffer.from(sealed.data, 'base64');
    data[0] ^= 1;
    expect(
      openSecret({ ...sealed, data: data.toString('base64') }, SECRET, 'scim-token', ROW),
    ).toBeUndefined();
    expect(openSecret({ ...sealed, v: 2 as 1 }, SECRET, 'scim-token', ROW)).toBeUndefined();
  });
});
