import { createHash } from 'node:crypto';
import { luhnCheckDigit } from '../common/personnummer.js';

/** A demo row as it is inserted: column name → value. */
export type Row = Record<string, string | number | boolean | null>;

/** A stable uuid derived from a name, so every seed run produces the same rows. */
export function seedId(name: string): string {
  const h = createHash('sha256').update(`beh-seed:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A synthetic, Luhn-valid personnummer from a birth date (YYYYMMDD) and a three-digit serial. */
export function syntheticPersonnummer(birthDate: string, serial: number): string {
  const nine = birthDate.slice(2) + String(serial).padStart(3, '0');
  return birthDate + String(serial).padStart(3, '0') + luhnCheckDigit(nine);
}

/** mulberry32: a tiny deterministic PRNG for the generated staff. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
